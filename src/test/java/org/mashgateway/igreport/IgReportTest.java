package org.mashgateway.igreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.sql.DatabaseTime;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The monthly IG report of a seeded month: its figures are exactly what the month's decision
 * records and outbox rows hold for the force asked for, with nothing from the days either side or
 * from another force; the page (with its charts), the CSV, the PDF and the Prometheus counters say
 * the same; only AUDITOR and ADMIN see it.
 */
@Tag("database")
@Import(MovableClock.Replacement.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IgReportTest extends GatewayTest {

    private static final String FORCE = "DERBYS";
    private static final String OTHER_FORCE = "NOTTS";
    private static final String BASIS_AGENCY = "Children Act 2004 s11; Crime and Disorder Act 1998 s115";
    private static final String BASIS_SCHOOL = "Domestic Abuse Act 2021 s49A; Education Act 2002 s175";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DecisionLog decisions;

    @Autowired
    MovableClock clock;

    @Autowired
    IgReports reports;

    @Autowired
    MeterRegistry meters;

    private final GatewayReferences references = new GatewayReferences();
    /** The month reviewed: the one before today's, whatever today is. */
    private final YearMonth month = YearMonth.now(IgReports.UK).minusMonths(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
    }

    @BeforeAll
    void seedTheMonth() {
        Instant first = month.atDay(1).atStartOfDay(IgReports.UK).toInstant().plus(Duration.ofMinutes(30));
        Instant last = month.atEndOfMonth().atTime(23, 30).atZone(IgReports.UK).toInstant();
        Instant mid = month.atDay(15).atTime(12, 0).atZone(IgReports.UK).toInstant();
        Instant before = month.atDay(1).atStartOfDay(IgReports.UK).toInstant().minus(Duration.ofMinutes(10));
        Instant after = month.plusMonths(1).atDay(1).atStartOfDay(IgReports.UK).toInstant().plus(Duration.ofMinutes(10));

        // Received: 5 notifications in the month (the first and last half hours among them), one either side, two of another force.
        for (Instant at : List.of(first, mid, mid, mid, last)) {
            accepted(at, FORCE);
        }
        accepted(before, FORCE);
        accepted(after, FORCE);
        accepted(mid, OTHER_FORCE);
        accepted(mid, OTHER_FORCE);
        // Two corrections and a withdrawal of whole notifications; output-level records do not count as more.
        record(mid, Decision.of(DecisionKind.CORRECTED).sender(FORCE).gatewayReference(references.next()));
        record(mid, Decision.of(DecisionKind.CORRECTED).sender(FORCE).gatewayReference(references.next()));
        record(mid, Decision.of(DecisionKind.CORRECTED).sender(FORCE).recipient("CSC").gatewayReference(references.next()));
        record(mid, Decision.of(DecisionKind.WITHDRAWN).sender(FORCE).gatewayReference(references.next()));

        // Shared: three to agencies on one basis, two to schools on another; one of another force.
        String notification = references.next();
        for (int i = 0; i < 3; i++) {
            shared(mid, FORCE, notification, "AGENCY", "CSC", BASIS_AGENCY);
        }
        shared(mid, FORCE, notification, "SCHOOL", "100001", BASIS_SCHOOL);
        shared(last, FORCE, notification, "SCHOOL", "100002", BASIS_SCHOOL);
        shared(mid, OTHER_FORCE, references.next(), "SCHOOL", "100001", BASIS_SCHOOL);
        shared(after, FORCE, notification, "SCHOOL", "100001", BASIS_SCHOOL);
        // Not shared: two children without a school, one agency the policy leaves out.
        notShared(mid, notification, "SCHOOL", null, "NO_SCHOOL_RECORDED");
        notShared(mid, notification, "SCHOOL", null, "NO_SCHOOL_RECORDED");
        notShared(mid, notification, "AGENCY", "EWS", "NOT_IN_POLICY_FOR_RISK");

        // Refused and quarantined; the quarantine's copy record is not a second refusal.
        record(mid, Decision.of(DecisionKind.REJECTED).sender(FORCE).reasonCode("SCHEMA_INVALID"));
        record(mid, Decision.of(DecisionKind.REJECTED).sender(FORCE).reasonCode("SCHEMA_INVALID"));
        String kept = references.next();
        record(mid, Decision.of(DecisionKind.QUARANTINED).sender(FORCE).reasonCode("FORGED_SENDER"));
        record(mid, Decision.of(DecisionKind.QUARANTINED).sender(FORCE).reasonCode("FORGED_SENDER")
                .gatewayReference(kept).documentType("QuarantineCopy"));

        // Auditors' access, in the month and after it.
        record(mid, Decision.of(DecisionKind.CONTENT_VIEWED).sender("auditor").reasonCode("SUBJECT_ACCESS_REQUEST")
                .gatewayReference(references.next()));
        record(mid, Decision.of(DecisionKind.CONTENT_VIEWED).sender("auditor").reasonCode("SUBJECT_ACCESS_REQUEST")
                .gatewayReference(references.next()));
        record(mid, Decision.of(DecisionKind.SUBJECT_SEARCHED).sender("auditor").reasonCode("BY_NAME_AND_DATE_OF_BIRTH")
                .subjectKey("a".repeat(64)));
        record(mid, Decision.of(DecisionKind.SUBJECT_EXPORTED).sender("auditor").reasonCode("COMPLAINT")
                .documentType("SubjectAccessReport").subjectKey("a".repeat(64)));
        record(after, Decision.of(DecisionKind.CONTENT_VIEWED).sender("auditor").reasonCode("COMPLAINT")
                .gatewayReference(references.next()));

        // School copies planned in the month: 4; 3 sent; 2 acknowledged in time, 1 late; 1 escalated; 1 failed.
        Instant due = mid.plus(Duration.ofHours(20));
        copy(mid, "SCHOOL", null, "SENT", due, mid.plus(Duration.ofHours(2)), null, true);
        copy(mid, "SCHOOL", null, "ACKNOWLEDGED", due, mid.plus(Duration.ofHours(2)), mid.plus(Duration.ofHours(3)), false);
        copy(mid, "SCHOOL", null, "ACKNOWLEDGED", due, mid.plus(Duration.ofHours(2)), due.plus(Duration.ofHours(1)), false);
        copy(mid, "SCHOOL", null, "FAILED", due, null, null, false);
        copy(after, "SCHOOL", null, "SENT", due, after, null, false);
        // Agency copies: HIGH 2 (one acknowledged 30 min after sending, one escalated), MEDIUM 1 late (90 min), STANDARD 1.
        copy(mid, "AGENCY", "HIGH", "ACKNOWLEDGED", mid.plus(Duration.ofHours(24)), mid, mid.plus(Duration.ofMinutes(30)), false);
        copy(mid, "AGENCY", "HIGH", "SENT", mid.plus(Duration.ofHours(24)), mid, null, true);
        copy(mid, "AGENCY", "MEDIUM", "ACKNOWLEDGED", mid.plus(Duration.ofMinutes(60)), mid,
                mid.plus(Duration.ofMinutes(90)), false);
        copy(mid, "AGENCY", "STANDARD", "SENT", mid.plus(Duration.ofDays(7)), mid, null, false);
        clock.set(Instant.now());
    }

    @Test
    void the_figures_are_the_months_records_for_the_force_and_nothing_else() {
        IgReport report = reports.of(month, FORCE);

        assertThat(figures(report, "received")).containsExactly(
                entry("Notifications accepted (first versions and corrections)", 5), entry("of which corrections", 2),
                entry("Withdrawals", 1));
        assertThat(figures(report, "shared")).containsExactly(
                entry("AGENCY · " + BASIS_AGENCY, 3), entry("SCHOOL · " + BASIS_SCHOOL, 2));
        assertThat(figures(report, "not-shared")).containsExactly(
                entry("AGENCY · NOT_IN_POLICY_FOR_RISK", 1), entry("SCHOOL · NO_SCHOOL_RECORDED", 2));
        assertThat(figures(report, "sdat")).containsExactly(
                entry("Planned", 4), entry("Sent", 3), entry("Acknowledged by their DueBy", 1),
                entry("Acknowledged after their DueBy", 1), entry("Escalated (deputy's copy and alert)", 1),
                entry("Failed", 1));
        assertThat(figures(report, "agency")).containsAllEntriesOf(Map.of(
                "HIGH: copies", 2L, "HIGH: acknowledged by their DueBy", 1L, "HIGH: not acknowledged", 1L,
                "HIGH: escalated", 1L, "MEDIUM: copies", 1L, "MEDIUM: acknowledged after their DueBy", 1L,
                "STANDARD: copies", 1L, "STANDARD: not acknowledged", 1L, "MEDIUM: acknowledged by their DueBy", 0L));
        assertThat(figures(report, "agency-time")).containsExactly(
                entry("HIGH: median minutes to acknowledge", 30), entry("MEDIUM: median minutes to acknowledge", 90));
        assertThat(figures(report, "refused")).containsExactly(
                entry("QUARANTINED · FORGED_SENDER", 1), entry("REJECTED · SCHEMA_INVALID", 2));
        assertThat(figures(report, "access")).containsExactly(
                entry("AUDITOR · CONTENT_VIEWED · SUBJECT_ACCESS_REQUEST", 2),
                entry("AUDITOR · SUBJECT_EXPORTED · COMPLAINT", 1),
                entry("AUDITOR · SUBJECT_SEARCHED · BY_NAME_AND_DATE_OF_BIRTH", 1));

        assertThat(figures(reports.of(month, OTHER_FORCE), "received"))
                .containsEntry("Notifications accepted (first versions and corrections)", 2L);
    }

    @Test
    void the_figures_that_count_decisions_are_prometheus_counters_too() {
        // Every seeded decision of these codes is in the month, so the counters since start agree with the report.
        assertThat(decisionCount("NOT_SHARED", "NO_SCHOOL_RECORDED", FORCE))
                .isEqualTo(figures(reports.of(month, FORCE), "not-shared").get("SCHOOL · NO_SCHOOL_RECORDED"));
        assertThat(decisionCount("REJECTED", "SCHEMA_INVALID", FORCE))
                .isEqualTo(figures(reports.of(month, FORCE), "refused").get("REJECTED · SCHEMA_INVALID"));
        assertThat(decisionCount("SUBJECT_SEARCHED", "BY_NAME_AND_DATE_OF_BIRTH", "AUDITOR")).isEqualTo(1);
    }

    private long decisionCount(String decision, String reason, String sender) {
        return (long) meters.find("mash.decisions").tag("decision", decision).tag("reason", reason).tag("sender", sender)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void the_page_draws_each_section_and_the_pdf_and_csv_say_the_same() throws Exception {
        ConsoleSession admin = ConsoleSession.loggedIn(port, "admin", "demo");
        HttpResponse<String> page = admin.get("/admin/reports/ig?month=" + month + "&force=" + FORCE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"ig-sdat\"", "<svg", "<rect", "SCHOOL · NO_SCHOOL_RECORDED",
                "REJECTED · SCHEMA_INVALID").doesNotContain("<script");

        byte[] csv = admin.download("/admin/reports/ig/download?month=" + month + "&force=" + FORCE + "&format=CSV");
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = CsvMapper.builder().build().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            rows = read.readAll();
        }
        assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("section", "sdat")
                .containsEntry("figure", "Planned").containsEntry("value", "4").containsEntry("month", month.toString())
                .containsEntry("force", FORCE));
        assertThat(rows).hasSize(reports.of(month, FORCE).sections().stream().mapToInt(s -> s.figures().size()).sum());

        byte[] pdf = admin.download("/admin/reports/ig/download?month=" + month + "&force=" + FORCE + "&format=PDF");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("Information-governance report", month.toString(), "SDAT school notifications",
                "Acknowledged after their DueBy 1", "REJECTED · SCHEMA_INVALID 2", "HIGH: median minutes to acknowledge 30");
    }

    @Test
    void auditor_and_admin_see_it_and_an_operator_does_not() {
        assertThat(ConsoleSession.loggedIn(port, "auditor", "demo").get("/admin/reports/ig").statusCode()).isEqualTo(200);
        assertThat(ConsoleSession.loggedIn(port, "admin", "demo").get("/admin/reports/ig").body())
                .contains("id=\"ig-month\">" + month + "<");
        ConsoleSession operator = ConsoleSession.loggedIn(port, "operator", "demo");
        assertThat(operator.get("/admin/reports/ig").statusCode()).isEqualTo(403);
        assertThat(operator.get("/admin/reports/ig/download?month=" + month + "&force=" + FORCE).statusCode())
                .isEqualTo(403);
    }

    private void accepted(Instant at, String force) {
        record(at, Decision.of(DecisionKind.ACCEPTED).sender(force).gatewayReference(references.next())
                .documentType("DomesticAbuseNotification").subjectKey("b".repeat(64)));
    }

    private void shared(Instant at, String force, String notification, String recipientType, String recipient,
            String basis) {
        String output = references.next();
        jdbc.update("INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, "
                + "recipient, kind, document_type, channel, status, attempts, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, 'WITHDRAWAL', 'Withdrawal', 'EMAIL', 'SENT', 1, ?, ?)", notification, output,
                force, recipientType, recipient, DatabaseTime.at(at), DatabaseTime.at(at));
        record(at, Decision.of(DecisionKind.SHARED).sender(force).recipient(recipient).gatewayReference(output)
                .lawfulBasis(basis).documentType(recipientType.equals("SCHOOL") ? "SchoolNotification" : "AgencyNotification"));
    }

    private void notShared(Instant at, String notification, String recipientType, String recipient, String reason) {
        jdbc.update("INSERT INTO delivery (notification_reference, sending_force, recipient_type, recipient, status, "
                + "reason_code, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, 'NOT_SHARED', ?, 0, ?, ?)",
                notification, FORCE, recipientType, recipient, reason, DatabaseTime.at(at), DatabaseTime.at(at));
        Decision.Builder decision = Decision.of(DecisionKind.NOT_SHARED).sender(FORCE).reasonCode(reason)
                .gatewayReference(notification);
        record(at, recipient == null ? decision : decision.recipient(recipient));
    }

    /** An outbox row for a share to people (kind WITHDRAWAL above keeps the shares' rows out of these counts). */
    private void copy(Instant createdAt, String recipientType, String risk, String status, Instant due, Instant sent,
            Instant acknowledged, boolean escalated) {
        jdbc.update("INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, "
                + "recipient, kind, document_type, channel, status, due_by, attempts, created_at, updated_at, sent_at, "
                + "acknowledged_at, escalated_at, risk_level) VALUES (?, ?, ?, ?, ?, 'NOTIFICATION', ?, 'EMAIL', ?, ?, 1, "
                + "?, ?, ?, ?, ?, ?)", references.next(), references.next(), FORCE, recipientType,
                recipientType.equals("SCHOOL") ? "100001" : "CSC",
                recipientType.equals("SCHOOL") ? "SchoolNotification" : "AgencyNotification", status,
                DatabaseTime.at(due), DatabaseTime.at(createdAt), DatabaseTime.at(createdAt),
                sent == null ? null : DatabaseTime.at(sent), acknowledged == null ? null : DatabaseTime.at(acknowledged),
                escalated ? DatabaseTime.at(due.minus(Duration.ofHours(1))) : null, risk);
    }

    private void record(Instant at, Decision.Builder decision) {
        clock.set(at);
        decisions.append(decision.build());
    }

    private static Map<String, Long> figures(IgReport report, String section) {
        Map<String, Long> figures = new LinkedHashMap<>();
        report.section(section).figures().forEach(figure -> figures.put(figure.label(), figure.value()));
        return figures;
    }

    private static Map.Entry<String, Long> entry(String label, long value) {
        return Map.entry(label, value);
    }
}
