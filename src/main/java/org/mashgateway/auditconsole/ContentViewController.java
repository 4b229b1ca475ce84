package org.mashgateway.auditconsole;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.auditconsole.StoredContent.Content;
import org.mashgateway.reference.GatewayReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A message's decrypted content for an auditor, shown only after a reason is chosen and typed: the
 * GET asks for the reason; the POST records the view ({@link ContentViews}) and only then shows the
 * content. The content is never in a URL, and the page is never cached ({@code Cache-Control:
 * no-store}, set by the console's security headers).
 */
@Controller
@RequestMapping("/admin/audit/content")
class ContentViewController {

    private static final Logger log = LoggerFactory.getLogger(ContentViewController.class);

    private final StoredContent content;
    private final ContentViews views;

    ContentViewController(StoredContent content, ContentViews views) {
        this.content = content;
        this.views = views;
    }

    @GetMapping
    ModelAndView askReason(@RequestParam String reference) {
        if (!GatewayReferences.isWellFormed(reference)) {
            return reasonForm(null, List.of("Enter a gateway reference: MGW- and 26 letters and digits."),
                    HttpStatus.BAD_REQUEST);
        }
        return reasonForm(reference, List.of(), HttpStatus.OK);
    }

    @PostMapping
    ModelAndView view(@RequestParam String reference, @RequestParam(required = false) String reasonCode,
            @RequestParam(required = false) String reason, Authentication auditor, HttpServletResponse response) {
        // Said here as well as by the console's headers: this page must never be kept by a browser or proxy.
        response.setHeader("Cache-Control", "no-store");
        if (!GatewayReferences.isWellFormed(reference)) {
            return reasonForm(null, List.of("Enter a gateway reference: MGW- and 26 letters and digits."),
                    HttpStatus.BAD_REQUEST);
        }
        List<String> problems = new ArrayList<>();
        Optional<ViewReason> chosen = ViewReason.of(reasonCode);
        if (chosen.isEmpty()) {
            problems.add("Choose why you need to see this message.");
        }
        String typed = reason == null ? "" : reason.strip();
        ViewReason.problemWith(typed, "to see it").ifPresent(problems::add);
        if (!problems.isEmpty()) {
            return reasonForm(reference, problems, HttpStatus.BAD_REQUEST);
        }
        Optional<Content> found = content.of(reference);
        if (found.isEmpty()) {
            return reasonForm(reference, List.of("The gateway holds no content under this reference: it was never "
                    + "stored or has been destroyed under the retention rule."), HttpStatus.NOT_FOUND);
        }
        DecisionRecord recorded = views.record(reference, found.get().documentType(), auditor.getName(), chosen.get(),
                typed);
        log.info("Content of {} shown to an auditor; decision record {}, reason {}", reference, recorded.recordId(),
                chosen.get());
        return new ModelAndView("admin/audit/content")
                .addObject("content", found.get())
                .addObject("recordId", recorded.recordId());
    }

    private static ModelAndView reasonForm(String reference, List<String> problems, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/audit/content-reason")
                .addObject("reference", reference)
                .addObject("reasons", ViewReason.values())
                .addObject("problems", problems)
                .addObject("minReason", ViewReason.MIN_TYPED)
                .addObject("maxReason", ViewReason.MAX_TYPED);
        page.setStatus(status);
        return page;
    }
}
