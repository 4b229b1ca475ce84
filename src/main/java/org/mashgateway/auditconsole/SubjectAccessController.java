package org.mashgateway.auditconsole;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mashgateway.audit.ChainCheck;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.auditconsole.StoredContent.Content;
import org.mashgateway.auditconsole.SubjectAccessReport.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The subject-access report (issue 16), for an AUDITOR only: the name and date of birth are POSTed
 * (never in a URL), turned into the subject key at once and put only into the report itself, which
 * goes back as a download that is never cached. The report is recorded ({@link SubjectExports})
 * before it is made; the chain is verified after, so its verification covers the export's own record.
 */
@Controller
@RequestMapping("/admin/audit/subject/export")
class SubjectAccessController {

    private static final Logger log = LoggerFactory.getLogger(SubjectAccessController.class);
    private static final int MAX_NAME = 200;
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final SubjectKeys subjectKeys;
    private final SubjectAccessReports reports;
    private final SubjectExports exports;
    private final ChainCheck chainCheck;
    private final Clock clock;

    SubjectAccessController(SubjectKeys subjectKeys, SubjectAccessReports reports, SubjectExports exports,
            ChainCheck chainCheck, Clock clock) {
        this.subjectKeys = subjectKeys;
        this.reports = reports;
        this.exports = exports;
        this.chainCheck = chainCheck;
        this.clock = clock;
    }

    @PostMapping
    Object export(@RequestParam String givenNames, @RequestParam String familyName, @RequestParam String dateOfBirth,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "PDF") String format, @RequestParam(required = false) String reasonCode,
            @RequestParam(required = false) String reason, @RequestParam(defaultValue = "false") boolean includeContent,
            Authentication auditor) {
        List<String> problems = new ArrayList<>();
        if (givenNames.isBlank() || familyName.isBlank() || givenNames.length() > MAX_NAME
                || familyName.length() > MAX_NAME) {
            problems.add("Enter the given name(s), the family name and the date of birth.");
        }
        LocalDate born = date(dateOfBirth, "date of birth", problems, true);
        LocalDate first = date(from, "first day", problems, false);
        LocalDate last = date(to, "last day", problems, false);
        if (first != null && last != null && last.isBefore(first)) {
            problems.add("The last day of the period is before its first.");
        }
        if (!format.equals("PDF") && !format.equals("CSV")) {
            problems.add("Choose PDF or CSV.");
        }
        Optional<ViewReason> chosen = ViewReason.of(reasonCode);
        if (chosen.isEmpty()) {
            problems.add("Choose why you need this report.");
        }
        String typed = reason == null ? "" : reason.strip();
        ViewReason.problemWith(typed, "this report").ifPresent(problems::add);
        if (!problems.isEmpty()) {
            ModelAndView page = new ModelAndView("admin/audit/search")
                    .addObject("exportProblems", problems)
                    .addObject("reasons", ViewReason.values());
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        String subjectKey = subjectKeys.keyFor(givenNames, familyName, born);
        List<Row> rows = reports.rows(subjectKey, first, last);
        DecisionRecord recorded = exports.record(auditor.getName(),
                new SubjectExports.Request(subjectKey, first, last, format, includeContent, chosen.get(), typed));
        List<Content> contents = includeContent ? reports.contents(rows) : List.of();
        SubjectAccessReport report = new SubjectAccessReport(givenNames.strip() + " " + familyName.strip() + ", born "
                + born, first, last, clock.instant(), ContentViews.viewer(auditor.getName()), recorded.recordId(), rows,
                chainCheck.run(), includeContent, contents);
        log.info("Subject-access report made for an auditor: {} decisions, {}, content {}; decision record {}",
                rows.size(), format, includeContent ? "included" : "not included", recorded.recordId());
        boolean pdf = format.equals("PDF");
        return ResponseEntity.ok()
                .contentType(pdf ? MediaType.APPLICATION_PDF : CSV)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("subject-access-" + recorded.recordId() + (pdf ? ".pdf" : ".csv"))
                        .build()
                        .toString())
                .body(pdf ? SubjectAccessDocuments.pdf(report) : SubjectAccessDocuments.csv(report));
    }

    private static LocalDate date(String value, String what, List<String> problems, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add("Enter the " + what + " as YYYY-MM-DD.");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add("Enter the " + what + " as YYYY-MM-DD.");
            return null;
        }
    }
}
