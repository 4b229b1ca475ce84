package org.mashgateway.auditconsole;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.mashgateway.audit.ChainCheck;
import org.mashgateway.audit.Checkpoint;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionPage;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The auditor's search of the decision record: by gateway reference (with the outputs of a
 * notification), by subject, the chain verification, and a checkpoint of the chain on demand.
 *
 * <p>A subject search is a POST: the name and date of birth travel in the body (never the URL, so
 * never an access log or the browser history), are turned into the subject key at once, and are not
 * put back into the page; further pages carry only the subject key. Every search and every further
 * page is recorded as a SUBJECT_SEARCHED decision ({@link SubjectSearches}).
 */
@Controller
@RequestMapping("/admin/audit")
class AuditSearchController {

    static final int PAGE_SIZE = 25;

    private static final Pattern SUBJECT_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_NAME = 200;

    private final DecisionLog decisions;
    private final SubjectKeys subjectKeys;
    private final ChainCheck chainCheck;
    private final Deliveries deliveries;
    private final SubjectSearches searches;

    AuditSearchController(DecisionLog decisions, SubjectKeys subjectKeys, ChainCheck chainCheck, Deliveries deliveries,
            SubjectSearches searches) {
        this.decisions = decisions;
        this.searches = searches;
        this.subjectKeys = subjectKeys;
        this.chainCheck = chainCheck;
        this.deliveries = deliveries;
    }

    /** The reasons the subject-access report's form offers, on every page of the search. */
    @ModelAttribute("reasons")
    ViewReason[] reasons() {
        return ViewReason.values();
    }

    @GetMapping
    String search() {
        return "admin/audit/search";
    }

    @GetMapping("/reference")
    ModelAndView byReference(@RequestParam String reference, @RequestParam(defaultValue = "0") int page) {
        String wanted = reference.strip();
        if (!GatewayReferences.isWellFormed(wanted) || page < 0) {
            return refused("referenceError", "Enter a gateway reference: MGW- and 26 letters and digits.");
        }
        List<String> outputs = deliveries.ofNotification(wanted).stream()
                .map(DeliveryState::outputReference)
                .filter(output -> output != null)
                .toList();
        return new ModelAndView("admin/audit/search")
                .addObject("results", decisions.byReference(wanted, page, PAGE_SIZE))
                .addObject("searchedReference", wanted)
                .addObject("outputs", outputs);
    }

    @PostMapping("/subject")
    ModelAndView bySubject(@RequestParam String givenNames, @RequestParam String familyName,
            @RequestParam String dateOfBirth, Authentication auditor) {
        if (givenNames.isBlank() || familyName.isBlank() || givenNames.length() > MAX_NAME
                || familyName.length() > MAX_NAME) {
            return refused("subjectError", "Enter the given name(s), the family name and the date of birth.");
        }
        LocalDate born;
        try {
            born = LocalDate.parse(dateOfBirth.strip());
        } catch (DateTimeParseException e) {
            return refused("subjectError", "Enter the date of birth as YYYY-MM-DD.");
        }
        return subjectPage(subjectKeys.keyFor(givenNames, familyName, born), 0, auditor, SubjectSearches.BY_NAME);
    }

    @PostMapping("/subject/page")
    ModelAndView bySubjectKey(@RequestParam String subjectKey, @RequestParam int page, Authentication auditor) {
        if (!SUBJECT_KEY.matcher(subjectKey).matches() || page < 0) {
            return refused("subjectError", "Search by subject again.");
        }
        // Any key can be posted here, so a page is a search too.
        return subjectPage(subjectKey, page, auditor, SubjectSearches.NEXT_PAGE);
    }

    @PostMapping("/verify")
    String verify(Model model) {
        model.addAttribute("verification", chainCheck.run());
        return "admin/audit/search";
    }

    /**
     * Makes a signed checkpoint of the chain head now (docs/audit.md); for AUDITOR from this page and
     * for ADMIN from the dashboard, each sent back to where the button was.
     */
    @PostMapping("/checkpoint")
    String checkpoint(HttpServletRequest request, RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", chainCheck.checkpoint(false)
                .map(AuditSearchController::made)
                .orElse(new CheckpointOutcome(false, "No checkpoint made: the decision record did not verify, and a "
                        + "SECURITY alert has been raised. Verify the chain on the audit page to see where it is broken.")));
        return request.isUserInRole("AUDITOR") ? "redirect:/admin/audit" : "redirect:/admin";
    }

    /** What the console says after the checkpoint button, in the shape of the console's other action outcomes. */
    record CheckpointOutcome(boolean done, String message) {}

    private static CheckpointOutcome made(Checkpoint checkpoint) {
        return new CheckpointOutcome(true, "Checkpoint made and signed at record " + checkpoint.recordId() + " (hash "
                + checkpoint.recordHash() + ").");
    }

    /** Recorded after the look-up, so a search is not among its own results, and before anything is shown. */
    private ModelAndView subjectPage(String subjectKey, int page, Authentication auditor, String how) {
        DecisionPage results = decisions.bySubjectKey(subjectKey, page, PAGE_SIZE);
        searches.record(auditor.getName(), subjectKey, how);
        return new ModelAndView("admin/audit/search")
                .addObject("results", results)
                .addObject("subjectKey", subjectKey);
    }

    private static ModelAndView refused(String field, String message) {
        ModelAndView page = new ModelAndView("admin/audit/search").addObject(field, message);
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }
}
