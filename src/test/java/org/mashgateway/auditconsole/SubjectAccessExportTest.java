package org.mashgateway.auditconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.retention.RetentionJob;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The subject-access report over real TLS, from the audit page: for a child named in a notification,
 * its correction (which moved her school), a second notification with no school (a decision not to
 * share) that was then withdrawn, and a body destroyed by the retention job, the report holds exactly
 * the decisions about her, field by field, and nothing of a notification about someone else; it is
 * recorded before it is made; only an AUDITOR can make one.
 */
@ExtendWith(OutputCaptureExtension.class)
class SubjectAccessExportTest extends SharedGatewayTest {

    /** Made-up people: the subject (a Unicode name), her brother, and a child of another family. */
    private static final String GIVEN = "Zoë";
    private static final String FAMILY = "Ōkubo-Fairweather";
    private static final String BROTHER = "Caspianus";
    private static final String OTHER_GIVEN = "Radomir";
    private static final String OTHER_FAMILY = "Quillfeatherby";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    SubjectKeys subjectKeys;

    @Autowired
    RetentionJob retention;

    @Autowired
    Clock clock;

    @Test
    void the_report_holds_every_decision_about_the_subject_field_by_field_and_nothing_about_anyone_else(
            CapturedOutput output) throws Exception {
        LocalDate born = LocalDate.now(clock).minusYears(9).minusDays(20);
        String subjectKey = subjectKeys.keyFor(GIVEN, FAMILY, born);
        History history = history(born);
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");

        HttpResponse<byte[]> answer = auditor.postForDownload("/admin/audit/subject/export",
                form(born, "CSV", false, "SAR-2026-0412 from the child's mother"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(answer.headers().firstValue("Content-Disposition")).get().asString()
                .matches("attachment; filename=\"subject-access-\\d+\\.csv\"");
        List<Map<String, String>> rows = csvRows(answer.body());

        // What the report must hold, found here by SQL from the outbox rather than by the report's own walk.
        List<String> references = new ArrayList<>(List.of(history.first(), history.correction(), history.noSchool()));
        references.addAll(jdbc.queryForList("SELECT output_reference FROM delivery WHERE output_reference IS NOT NULL "
                + "AND outbox_kind = 'SHARE' AND notification_reference IN (?, ?, ?)", String.class, history.first(),
                history.correction(), history.noSchool()));
        Map<Long, DecisionRecord> expected = new LinkedHashMap<>();
        jdbc.queryForList("SELECT record_id FROM decision_record WHERE gateway_reference IN (" + "?, ".repeat(
                references.size() - 1) + "?) UNION SELECT k.record_id FROM decision_subject_key k JOIN decision_record r "
                + "ON r.record_id = k.record_id WHERE k.subject_key = ? AND r.decision <> 'SUBJECT_EXPORTED' "
                + "ORDER BY 1", Long.class, append(references, subjectKey)).forEach(id -> expected.put(id, null));
        Map<Long, DecisionRecord> records = new HashMap<>();
        references.forEach(reference -> decisionLog.byReference(reference).forEach(r -> records.put(r.recordId(), r)));
        decisionLog.bySubjectKey(subjectKey).forEach(r -> records.put(r.recordId(), r));
        expected.replaceAll((id, none) -> records.get(id));

        assertThat(rows).extracting(row -> Long.parseLong(row.get("record"))).containsExactlyElementsOf(expected.keySet());
        for (Map<String, String> row : rows) {
            DecisionRecord record = expected.get(Long.parseLong(row.get("record")));
            assertThat(row).as("record %s", record.recordId())
                    .containsEntry("recorded_at", SubjectAccessDocuments.time(record.at()))
                    .containsEntry("decision", record.decision().name())
                    .containsEntry("reason_code", text(record.reasonCode()))
                    .containsEntry("recipient", text(record.recipient()))
                    .containsEntry("sender", text(record.sender()))
                    .containsEntry("gateway_reference", text(record.gatewayReference()))
                    .containsEntry("document_type", text(record.documentType()))
                    .containsEntry("lawful_basis", SubjectAccessDocuments.cell(text(record.lawfulBasis())))
                    .containsEntry("policy_version", text(record.policyVersion()))
                    .containsEntry("minimisation_profile", text(record.minimisationProfile()))
                    .containsEntry("fields_shared", String.join(" ", record.fieldsShared()))
                    .containsEntry("fields_dropped", String.join(" ", record.fieldsDropped()))
                    .containsEntry("chain_verified", "YES")
                    .containsEntry("record_hash", record.hash())
                    .containsEntry("content", "");
        }
        assertThat(rows).filteredOn(row -> row.get("decision").equals("ACCEPTED")).extracting(row -> row.get("gateway_reference"))
                .containsExactly(history.first(), history.correction(), history.noSchool());
        assertThat(rows).filteredOn(row -> row.get("decision").equals("NOT_SHARED"))
                .anySatisfy(row -> assertThat(row).containsEntry("reason_code", "NO_SCHOOL_RECORDED")
                        .containsEntry("recipient_class", "SCHOOL").containsEntry("concerns", history.noSchool()));
        assertThat(rows).filteredOn(row -> row.get("decision").equals("CORRECTED")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.get("concerns")).isEqualTo(history.first()));
        assertThat(rows).filteredOn(row -> row.get("decision").equals("WITHDRAWN")
                        && row.get("concerns").equals(history.noSchool()))
                .extracting(row -> row.get("gateway_reference").equals(history.noSchool()) ? "the notification"
                        : row.get("recipient_class"))
                .contains("the notification", "AGENCY").containsOnly("the notification", "AGENCY");
        // The correction moved her to another school: the copy her first school held is withdrawn.
        assertThat(rows).filteredOn(row -> row.get("decision").equals("WITHDRAWN")
                        && row.get("concerns").equals(history.first()))
                .extracting(row -> row.get("gateway_reference")).containsExactly(history.destroyed());
        assertThat(rows).filteredOn(row -> row.get("gateway_reference").equals(history.destroyed()))
                .extracting(row -> row.get("decision")).contains("SHARED", "DESTROYED");
        assertThat(rows).filteredOn(row -> row.get("gateway_reference").equals(history.destroyed()))
                .allSatisfy(row -> assertThat(row).containsEntry("content_held", "DESTROYED")
                        .containsEntry("recipient_class", "SCHOOL").containsEntry("recipient_name",
                                row.get("recipient").isEmpty() ? "" : "Example Primary School"));
        assertThat(rows).filteredOn(row -> row.get("decision").equals("SHARED") && row.get("recipient").equals("CSC"))
                .isNotEmpty().allSatisfy(row -> assertThat(row.get("recipient_name"))
                        .isEqualTo("Derby City Children's Social Care"));
        assertThat(rows).filteredOn(row -> row.get("decision").equals("SHARED")
                        && !row.get("gateway_reference").equals(history.destroyed()))
                .allSatisfy(row -> assertThat(row.get("content_held")).isEqualTo("HELD"));

        String csv = new String(answer.body(), StandardCharsets.UTF_8);
        List<String> elsewhere = new ArrayList<>(List.of(history.other()));
        elsewhere.addAll(jdbc.queryForList("SELECT output_reference FROM delivery WHERE notification_reference = ? "
                + "AND output_reference IS NOT NULL", String.class, history.other()));
        elsewhere.add(subjectKeys.keyFor(OTHER_GIVEN, OTHER_FAMILY, history.otherBorn()));
        elsewhere.add(subjectKeys.keyFor(BROTHER, FAMILY, history.brotherBorn()));
        assertThat(csv).doesNotContain(elsewhere).doesNotContain(subjectKey).doesNotContain(GIVEN, FAMILY, BROTHER,
                OTHER_GIVEN, born.toString());
        assertThat(output.getAll()).doesNotContain(GIVEN).doesNotContain(FAMILY).doesNotContain(born.toString());
    }

    @Test
    void the_pdf_opens_and_says_what_the_csv_says_and_the_export_is_recorded_with_its_reason() throws Exception {
        LocalDate born = LocalDate.now(clock).minusYears(9).minusDays(21);
        String subjectKey = subjectKeys.keyFor(GIVEN, FAMILY, born);
        History history = history(born);
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");
        int before = exports();

        HttpResponse<byte[]> csv = auditor.postForDownload("/admin/audit/subject/export",
                form(born, "CSV", false, "SAR-2026-0413 asked by the family"));
        HttpResponse<byte[]> pdf = auditor.postForDownload("/admin/audit/subject/export",
                form(born, "PDF", true, "SAR-2026-0413 asked by the family"));

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(document);
        }
        List<Map<String, String>> rows = csvRows(csv.body());
        assertThat(text).contains("Subject access report", GIVEN + " " + FAMILY + ", born " + born,
                // the CSV's own export is a decision about her too, made after the CSV's rows were read
                rows.size() + 1 + " decisions about the subject", "The decision record verified intact",
                "Content of the documents still held", "Lawful bases cited");
        String flat = text.replaceAll("\\s+", "");
        rows.forEach(row -> assertThat(flat).contains(row.get("gateway_reference")));
        assertThat(flat).as("the correction's school copy, as the school read it").contains(history.correctionToSchool());
        assertThat(text).doesNotContain(OTHER_GIVEN).doesNotContain(history.other());

        assertThat(exports()).isEqualTo(before + 2);
        Map<String, Object> recorded = jdbc.queryForMap("SELECT r.decision, r.reason_code, r.sender, r.document_type, "
                + "e.reason, e.format, e.with_content, k.subject_key FROM subject_export e "
                + "JOIN decision_record r ON r.record_id = e.decision_record_id "
                + "JOIN decision_subject_key k ON k.record_id = r.record_id "
                + "WHERE e.export_id = (SELECT MAX(export_id) FROM subject_export)");
        assertThat(recorded).containsEntry("DECISION", "SUBJECT_EXPORTED").containsEntry("REASON_CODE", "SUBJECT_ACCESS_REQUEST")
                .containsEntry("SENDER", "auditor").containsEntry("DOCUMENT_TYPE", SubjectExports.REPORT_WITH_CONTENT)
                .containsEntry("REASON", "SAR-2026-0413 asked by the family").containsEntry("FORMAT", "PDF")
                .containsEntry("WITH_CONTENT", true).containsEntry("SUBJECT_KEY", subjectKey);
        assertThat(recorded.values().toString()).doesNotContain(GIVEN).doesNotContain(FAMILY).doesNotContain(born.toString());
    }

    @Test
    void only_an_auditor_with_a_reason_makes_a_report_and_a_refused_one_is_not_recorded() {
        LocalDate born = LocalDate.now(clock).minusYears(6);
        int before = exports();
        for (String refused : List.of("operator", "admin")) {
            ConsoleSession session = ConsoleSession.loggedIn(port, refused, "demo");
            session.get("/admin"); // a page this role may see, for a CSRF token: the refusal is the role's
            assertThat(session.postForDownload("/admin/audit/subject/export",
                    form(born, "PDF", false, "SAR-2026-0414 from the subject")).statusCode()).as(refused).isEqualTo(403);
        }
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");
        Map<String, String> noReason = form(born, "PDF", false, "short");
        HttpResponse<String> refused = auditor.post("/admin/audit/subject/export", noReason);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("why you need this report").doesNotContain(GIVEN);
        assertThat(exports()).isEqualTo(before);
    }

    /** The subject's history, and a notification about another family's child. */
    private History history(LocalDate born) {
        LocalDate brotherBorn = born.plusYears(2).plusDays(3);
        LocalDate otherBorn = born.minusDays(1);
        Notifications first = Notifications.notification().noChildren().riskLevel("HIGH")
                .child(GIVEN, FAMILY, born.toString(), "100001")
                .child(BROTHER, FAMILY, brotherBorn.toString(), "100002");
        String firstReference = accepted(first.xml());
        String correction = accepted(Notifications.notification().noChildren().supersedes(first.id()).riskLevel("HIGH")
                .child(GIVEN, FAMILY, born.toString(), "100002")
                .child(BROTHER, FAMILY, brotherBorn.toString(), "100002").xml());
        Notifications noSchool = Notifications.notification().noChildren().child(GIVEN, FAMILY, born.toString(), null);
        String noSchoolReference = accepted(noSchool.xml());
        String withdrawal = accepted(Notifications.withdrawal(Notifications.freshId("DERBYS"), noSchool.id()));
        String other = accepted(Notifications.notification().noChildren()
                .child(OTHER_GIVEN, OTHER_FAMILY, otherBorn.toString(), "100001").xml());
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM delivery "
                + "WHERE notification_reference IN (?, ?, ?, ?, ?) AND status = 'PENDING'", Integer.class,
                firstReference, correction, noSchoolReference, withdrawal, other) == 0);
        String destroyed = jdbc.queryForObject("SELECT output_reference FROM delivery WHERE notification_reference = ? "
                + "AND recipient = '100001'", String.class, firstReference);
        // Past its retention period: the retention job itself destroys it and records that it did.
        jdbc.update("UPDATE message_body SET stored_at = ? WHERE gateway_reference = ?",
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minusYears(20), destroyed);
        retention.run();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE decision = 'DESTROYED' "
                + "AND gateway_reference = ?", Integer.class, destroyed)).isEqualTo(1);
        String correctionToSchool = jdbc.queryForObject("SELECT output_reference FROM delivery "
                + "WHERE notification_reference = ? AND recipient = '100002' AND child_index = 0", String.class, correction);
        return new History(firstReference, correction, noSchoolReference, other, destroyed, correctionToSchool,
                brotherBorn, otherBorn);
    }

    private record History(String first, String correction, String noSchool, String other, String destroyed,
            String correctionToSchool, LocalDate brotherBorn, LocalDate otherBorn) {}

    private static Map<String, String> form(LocalDate born, String format, boolean withContent, String reason) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenNames", GIVEN);
        form.put("familyName", FAMILY);
        form.put("dateOfBirth", born.toString());
        form.put("format", format);
        form.put("reasonCode", "SUBJECT_ACCESS_REQUEST");
        form.put("reason", reason);
        if (withContent) {
            form.put("includeContent", "true");
        }
        return form;
    }

    private String accepted(String xml) {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", xml);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("reference").asText();
    }

    private int exports() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM subject_export", Integer.class);
    }

    private static List<Map<String, String>> csvRows(byte[] csv) throws Exception {
        try (MappingIterator<Map<String, String>> rows = CsvMapper.builder().build().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }

    private static Object[] append(List<String> values, String last) {
        List<Object> all = new ArrayList<>(values);
        all.add(last);
        return all.toArray();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
