package org.mashgateway.auditconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditor's pages over real TLS: only AUDITOR reaches them; a subject search finds a
 * notification's records by name and date of birth without the inputs coming back; a message's
 * content is shown only for a reason, and each view is recorded.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditPagesTest extends SharedGatewayTest {

    /** Made-up people, distinctive enough to grep for. */
    private static final String CHILD_GIVEN = "Tobiasz";
    private static final String CHILD_FAMILY = "Quennellworth";
    private static final String CHILD_BORN = "2015-09-01";
    private static final String VICTIM_GIVEN = "Orlagh";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    Deliveries deliveries;

    @Value("${mash.audit.checkpoint.directory}")
    Path checkpointDirectory;

    @Autowired
    SubjectKeys subjectKeys;

    @Autowired
    Clock clock;

    @Test
    void only_the_auditor_reaches_the_audit_pages() {
        for (String refused : List.of("operator", "admin")) {
            ConsoleSession session = ConsoleSession.loggedIn(port, refused, "demo");
            assertThat(session.get("/admin/audit").statusCode()).as(refused).isEqualTo(403);
            assertThat(session.get("/admin/audit/content?reference=" + new GatewayReferences().next()).statusCode())
                    .as(refused).isEqualTo(403);
        }
        HttpResponse<String> auditor = ConsoleSession.loggedIn(port, "auditor", "demo").get("/admin/audit");

        assertThat(auditor.statusCode()).isEqualTo(200);
        assertThat(auditor.body()).contains("Audit trail").contains("id=\"subject-search\"");
    }

    @Test
    void a_subject_search_finds_the_records_of_a_notification_and_never_shows_the_inputs_again(CapturedOutput output) {
        String reference = accepted(Notifications.notification().noChildren()
                .victim(VICTIM_GIVEN, "Brackenridge", "1989-04-11")
                .child(CHILD_GIVEN, CHILD_FAMILY, CHILD_BORN, "100001"));
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");

        HttpResponse<String> found = auditor.post("/admin/audit/subject",
                Map.of("givenNames", "  " + CHILD_GIVEN.toUpperCase(), "familyName", CHILD_FAMILY, "dateOfBirth", CHILD_BORN));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.uri().getRawQuery()).isNull();
        assertThat(found.body()).contains(reference).contains(">ACCEPTED<");
        assertThat(found.body()).doesNotContain(CHILD_GIVEN).doesNotContain(CHILD_FAMILY).doesNotContain(CHILD_BORN)
                .doesNotContainIgnoringCase(CHILD_GIVEN.toUpperCase());
        assertThat(output.getAll()).doesNotContain(CHILD_GIVEN).doesNotContainIgnoringCase(CHILD_FAMILY)
                .doesNotContain(CHILD_BORN);

        HttpResponse<String> nobody = auditor.post("/admin/audit/subject",
                Map.of("givenNames", CHILD_GIVEN, "familyName", CHILD_FAMILY, "dateOfBirth", "2015-09-02"));
        assertThat(nobody.body()).contains("<span id=\"total\">0</span>").doesNotContain(reference);
    }

    @Test
    void a_subject_search_is_recorded_once_by_auditor_and_subject_key_never_by_name_or_birth(CapturedOutput output) {
        String given = "Wenceslas";
        String family = "Otterbourne-Quill";
        String born = LocalDate.now(clock).minusYears(7).minusDays(40).toString();
        String subjectKey = subjectKeys.keyFor(given, family, LocalDate.parse(born));
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");

        HttpResponse<String> searched = auditor.post("/admin/audit/subject",
                Map.of("givenNames", given, "familyName", family, "dateOfBirth", born));

        assertThat(searched.statusCode()).isEqualTo(200);
        List<Map<String, Object>> recorded = jdbc.queryForList("SELECT r.*, k.subject_key FROM decision_record r "
                + "JOIN decision_subject_key k ON k.record_id = r.record_id WHERE r.decision = 'SUBJECT_SEARCHED' "
                + "AND k.subject_key = ?", subjectKey);
        assertThat(recorded).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("SENDER", "auditor").containsEntry("REASON_CODE", "BY_NAME_AND_DATE_OF_BIRTH");
            assertThat(row.values().toString()).doesNotContainIgnoringCase(given).doesNotContainIgnoringCase(family)
                    .doesNotContain(born);
        });
        assertThat(decisionLog.bySubjectKey(subjectKey, 0, 10).records())
                .singleElement().satisfies(search -> assertThat(search.decision()).isEqualTo(DecisionKind.SUBJECT_SEARCHED));
        assertThat(output.getAll()).doesNotContainIgnoringCase(given).doesNotContainIgnoringCase(family)
                .doesNotContain(born);
    }

    @Test
    void a_long_history_is_read_a_page_at_a_time() {
        String reference = new GatewayReferences().next();
        for (int i = 0; i < AuditSearchController.PAGE_SIZE + 5; i++) {
            decisionLog.append(Decision.of(DecisionKind.DELIVERED).recipient("R" + i).gatewayReference(reference).build());
        }
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");

        String first = auditor.get("/admin/audit/reference?reference=" + reference).body();
        String second = auditor.get("/admin/audit/reference?reference=" + reference + "&page=1").body();

        assertThat(first).contains(">R0<").contains(">R24<").doesNotContain(">R25<").contains("rel=\"next\"");
        assertThat(second).contains(">R25<").contains(">R29<").doesNotContain(">R24<").contains("rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
    }

    @Test
    void the_chain_is_verified_from_the_page() {
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");

        HttpResponse<String> verified = auditor.post("/admin/audit/verify", Map.of());

        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("Intact:");
    }

    @Test
    void auditor_and_admin_make_a_signed_checkpoint_with_the_button_and_nobody_else_can() throws Exception {
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");
        assertThat(auditor.postWithoutToken("/admin/audit/checkpoint", Map.of()).statusCode()).as("no CSRF token")
                .isEqualTo(403);
        ConsoleSession operator = ConsoleSession.loggedIn(port, "operator", "demo");
        operator.get("/admin");
        assertThat(operator.post("/admin/audit/checkpoint", Map.of()).statusCode()).isEqualTo(403);
        long before = checkpointFiles();

        HttpResponse<String> byAuditor = auditor.post("/admin/audit/checkpoint", Map.of());
        assertThat(byAuditor.statusCode()).isEqualTo(302);
        assertThat(byAuditor.headers().firstValue("Location")).get().asString().endsWith("/admin/audit");
        assertThat(auditor.get("/admin/audit").body()).contains("Checkpoint made and signed at record");

        ConsoleSession admin = ConsoleSession.loggedIn(port, "admin", "demo");
        assertThat(admin.get("/admin").body()).contains("id=\"checkpoint\"");
        HttpResponse<String> byAdmin = admin.post("/admin/audit/checkpoint", Map.of());
        assertThat(byAdmin.statusCode()).isEqualTo(302);
        assertThat(byAdmin.headers().firstValue("Location")).get().asString().endsWith("/admin");

        assertThat(checkpointFiles()).isEqualTo(before + 2);
        assertThat(auditor.post("/admin/audit/verify", Map.of()).body()).contains("agrees with the latest signed checkpoint");
    }

    private long checkpointFiles() throws IOException {
        if (!Files.isDirectory(checkpointDirectory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(checkpointDirectory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("checkpoint-")).count();
        }
    }

    @Test
    void content_is_refused_without_a_reason_and_nothing_is_recorded() {
        String reference = accepted(Notifications.notification().victim(VICTIM_GIVEN, "Brackenridge", "1989-04-11"));
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        assertThat(auditor.get("/admin/audit/content?reference=" + reference).body()).contains("id=\"content-reason\"");

        HttpResponse<String> noReason = auditor.post("/admin/audit/content", Map.of("reference", reference));
        HttpResponse<String> noCode = auditor.post("/admin/audit/content",
                Map.of("reference", reference, "reason", "SAR-2026-0042 from the data protection officer"));
        HttpResponse<String> tooShort = auditor.post("/admin/audit/content",
                Map.of("reference", reference, "reasonCode", "SUBJECT_ACCESS_REQUEST", "reason", "SAR"));

        for (HttpResponse<String> refused : List.of(noReason, noCode, tooShort)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).doesNotContain(VICTIM_GIVEN).doesNotContain("DomesticAbuseNotification");
        }
        assertThat(viewsOf(reference)).isZero();
        assertThat(decisionLog.byReference(reference)).noneMatch(r -> r.decision() == DecisionKind.CONTENT_VIEWED);
    }

    @Test
    void content_shown_for_a_reason_is_recorded_as_content_viewed_with_the_reason_kept_apart() {
        String reference = accepted(Notifications.notification().victim(VICTIM_GIVEN, "Brackenridge", "1989-04-11"));
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit/content?reference=" + reference);

        HttpResponse<String> shown = auditor.post("/admin/audit/content", Map.of("reference", reference,
                "reasonCode", "SUBJECT_ACCESS_REQUEST", "reason", "SAR-2026-0042 from the data protection officer"));

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(shown.body()).contains(VICTIM_GIVEN).contains("&lt;DomesticAbuseNotification");
        assertThat(decisionLog.byReference(reference)).filteredOn(r -> r.decision() == DecisionKind.CONTENT_VIEWED)
                .singleElement()
                .satisfies(viewed -> {
                    assertThat(viewed.sender()).isEqualTo("auditor");
                    assertThat(viewed.reasonCode()).isEqualTo("SUBJECT_ACCESS_REQUEST");
                    assertThat(shown.body()).contains("<span id=\"record-id\">" + viewed.recordId() + "</span>");
                });
        assertThat(jdbc.queryForMap("SELECT viewed_by, reason_code, reason FROM content_view WHERE gateway_reference = ?",
                reference)).containsEntry("viewed_by", "auditor").containsEntry("reason_code", "SUBJECT_ACCESS_REQUEST")
                .containsEntry("reason", "SAR-2026-0042 from the data protection officer");
    }

    @Test
    void a_reference_without_stored_content_shows_nothing_and_records_nothing() {
        String unknown = new GatewayReferences().next();
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit/content?reference=" + unknown);

        HttpResponse<String> answer = auditor.post("/admin/audit/content", Map.of("reference", unknown,
                "reasonCode", "COMPLAINT", "reason", "Complaint reference C-2026-118"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(viewsOf(unknown)).isZero();
        assertThat(decisionLog.byReference(unknown)).isEmpty();
    }

    @Test
    void an_output_shows_what_its_recipient_was_sent() {
        String reference = accepted(Notifications.notification().victim(VICTIM_GIVEN, "Brackenridge", "1989-04-11"));
        DeliveryState toSocialCare = deliveries.ofNotification(reference).stream()
                .filter(delivery -> "CSC".equals(delivery.recipient()))
                .findFirst().orElseThrow();
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit/content?reference=" + toSocialCare.outputReference());

        HttpResponse<String> shown = auditor.post("/admin/audit/content", Map.of("reference",
                toSocialCare.outputReference(), "reasonCode", "SHARING_REVIEW", "reason", "Review ticket IG-7781"));

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"text\"").contains("&lt;AgencyNotification")
                .contains(toSocialCare.documentType());
        assertThat(viewsOf(toSocialCare.outputReference())).isEqualTo(1);
    }

    private String accepted(Notifications notification) {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", notification.xml());
        assertThat(answer.status()).isEqualTo(202);
        return answer.json().get("reference").asText();
    }

    private int viewsOf(String reference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM content_view WHERE gateway_reference = ?", Integer.class, reference);
    }
}
