package org.mashgateway.igreport;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.mashgateway.directory.Force;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The monthly information-governance report, for AUDITOR and ADMIN ({@code WebSecurityConfiguration}):
 * the page with its charts, and the same figures as a PDF or CSV download. Its parameters are a month
 * and a force code, never anything about a person, so plain GETs are fine.
 */
@Controller
@RequestMapping("/admin/reports/ig")
class IgReportController {

    /** The longest bar of a chart, in SVG units. */
    static final int CHART_WIDTH = 320;

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final IgReports reports;

    IgReportController(IgReports reports) {
        this.reports = reports;
    }

    @GetMapping
    ModelAndView page(@RequestParam(required = false) String month, @RequestParam(required = false) String force) {
        List<Force> forces = reports.forces();
        YearMonth chosen = month(month);
        String code = force(force, forces);
        return new ModelAndView("admin/reports/ig")
                .addObject("report", reports.of(chosen, code))
                .addObject("forces", forces)
                .addObject("chartWidth", CHART_WIDTH);
    }

    @GetMapping("/download")
    ResponseEntity<byte[]> download(@RequestParam String month, @RequestParam String force,
            @RequestParam(defaultValue = "PDF") String format) {
        if (!format.equals("PDF") && !format.equals("CSV")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format is PDF or CSV");
        }
        IgReport report = reports.of(month(month), force(force, reports.forces()));
        boolean pdf = format.equals("PDF");
        return ResponseEntity.ok()
                .contentType(pdf ? MediaType.APPLICATION_PDF : CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(IgReportDocuments.fileName(report, pdf ? "pdf" : "csv"))
                        .build()
                        .toString())
                .body(pdf ? IgReportDocuments.pdf(report) : IgReportDocuments.csv(report));
    }

    private YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return reports.lastMonth();
        }
        try {
            return YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "month is YYYY-MM");
        }
    }

    /** A force the directory knows; the first when none is asked for. */
    private static String force(String force, List<Force> forces) {
        if (force == null || force.isBlank()) {
            return forces.isEmpty() ? "" : forces.get(0).code();
        }
        return forces.stream().map(Force::code).filter(code -> code.equals(force.strip())).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a force in the directory"));
    }
}
