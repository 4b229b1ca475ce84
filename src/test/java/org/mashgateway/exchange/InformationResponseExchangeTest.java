package org.mashgateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.mail.Flags;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.AgencyMail.Build;
import org.mashgateway.support.AgencyMail;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.PartnerQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Information responses coming back from partner agencies, by signed mail (a real IMAP mailbox),
 * HTTPS and queue: correlated with the request the gateway sent, recorded, and passed to the MASH
 * case system on mash.out.casework, signed and encrypted to it, with confidential information
 * reduced to a marker. Forged, misdirected and unsigned replies never get that far.
 */
@ExtendWith(OutputCaptureExtension.class)
class InformationResponseExchangeTest extends GatewayTest {

    private static final String RESPONSES = "/api/v1/information-responses";
    private static final String HTTPS_INTAKE_ROUTE = "information-response-https-intake";
    private static final String QUEUE_INTAKE_ROUTE = "information-response-queue-intake";
    private static final int SMTP_PORT = freePort();
    private static final int IMAP_PORT = freePort();
    private static final int BROKER_PORT = freePort();
    private static final GreenMail MAIL = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    private static final GreenMailUser GATEWAY_MAILBOX;
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    static {
        MAIL.start();
        GATEWAY_MAILBOX = MAIL.setUser(AgencyMail.GATEWAY_MAILBOX, AgencyMail.GATEWAY_MAILBOX, "demo");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory gatewayConnections;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SubjectKeys subjectKeys;

    @Autowired
    DecisionLog decisionLog;



    @Autowired
    CamelContext camel;

    @Autowired
    MessageStore bodies;

    @Autowired
    GatewayReferences references;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.imap.enabled", () -> "true");
        registry.add("mash.mail.imap.port", () -> String.valueOf(IMAP_PORT));
        registry.add("mash.mail.imap.poll-interval", () -> "PT0.3S");
        partnerListener(registry, BROKER_PORT);
    }

    @AfterAll
    static void mailServerDown() {
        MAIL.stop();
    }

    @Test
    void an_agencys_signed_mail_reply_to_a_request_reaches_the_case_system_with_its_decisions(CapturedOutput output)
            throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        String requestReference = postRequest(requestId, "HEALTH", ExchangeFixtures.FUTURE);
        String deliveredAs = jdbc.queryForObject("SELECT output_reference FROM delivery WHERE notification_reference = ?",
                String.class, requestReference);
        MimeMessage requestMail = awaitSentMailTo("health-mash@derby.example", deliveredAs);
        assertThat(requestMail.getSubject()).isEqualTo("OFFICIAL-SENSITIVE: Information request " + deliveredAs);
        String responseId = ExchangeFixtures.freshId("HEALTH-RSP");
        String confidential = "CONFIDENTIAL-TOKEN-" + System.nanoTime();

        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-HEALTH", "health-mash@derby.example",
                ExchangeFixtures.response(responseId, requestId, "HEALTH", "Registered with a GP practice.", confidential),
                Build.SIGNED_AND_ENCRYPTED));

        Map<String, Object> row = awaitResponse("HEALTH", responseId);
        assertThat(row.get("received_via")).isEqualTo("MAIL");
        assertThat(row.get("late")).isEqualTo(false);
        String responseReference = (String) row.get("reference");
        String caseworkReference = (String) row.get("casework_reference");
        BytesMessage casework = awaitCasework(caseworkReference);
        assertThat(propertyNames(casework)).containsExactlyInAnyOrder("MashReference", "MashDocumentType",
                "MashClassification", "MashKind");
        assertThat(casework.getStringProperty("MashDocumentType")).isEqualTo("InformationResponse");
        String opened = ExchangeFixtures.openedByCaseSystem(bodyOf(casework));
        assertThat(opened)
                .contains(responseId)
                .contains("Registered with a GP practice.")
                .contains("<HeldBy>Derby Health Safeguarding Team</HeldBy>")
                .contains("<ContactRole>Named Nurse for Safeguarding</ContactRole>")
                .contains(CaseworkCopy.WITHHELD_REASON)
                .contains("<?mash-gateway reference=\"" + caseworkReference + "\" request-reference=\"" + requestReference
                        + "\" late=\"false\"?>")
                .doesNotContain(confidential);
        assertThat(decisions(responseReference)).containsExactly("ACCEPTED:");
        String child = subjectKeys.keyFor("Wilhelmina", "Quarrington", LocalDate.parse("2017-04-11"));
        assertThat(decisionLog.bySubjectKey(child)).extracting(record -> record.decision().name() + " "
                + record.gatewayReference()).contains("ACCEPTED " + responseReference, "SHARED " + caseworkReference);
        awaitDecision(caseworkReference, "DELIVERED");
        assertThat(decisions(caseworkReference)).containsExactlyInAnyOrder("SHARED:CONSENT_GIVEN",
                "SHARED:PARTIALLY_SHARED_CONSENT_NOT_SOUGHT", "WITHHELD_CONFIDENTIAL:CONFIDENTIAL_INFORMATION_HELD",
                "DELIVERED:");
        assertThat(jdbc.queryForObject("SELECT lawful_basis FROM decision_record WHERE gateway_reference = ? AND "
                + "reason_code = 'CONSENT_GIVEN'", String.class, caseworkReference)).isEqualTo("Children Act 1989 s47");
        assertThat(jdbc.queryForObject("SELECT closed_at FROM information_request WHERE request_id = ?", Object.class,
                requestId)).as("answered for every subject, so closed").isNotNull();
        awaitSeen(responseId);
        assertThat(output.getAll()).doesNotContain(confidential).doesNotContain("Quarrington");
        assertThat(jdbc.queryForList("SELECT context FROM alert", String.class)).noneMatch(c -> c.contains(confidential));
        for (MimeMessage sent : MAIL.getReceivedMessages()) {
            assertThat(new String(rawBytes(sent), StandardCharsets.UTF_8)).doesNotContain(confidential);
        }
    }

    @Test
    void forged_and_unusable_mail_is_quarantined_with_a_security_alert_and_never_blocks_the_mailbox() throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        postRequest(requestId, "HEALTH", ExchangeFixtures.FUTURE);
        String byAnotherAgency = ExchangeFixtures.freshId("HEALTH-RSP");
        String unsigned = ExchangeFixtures.freshId("HEALTH-RSP");
        String tampered = ExchangeFixtures.freshId("HEALTH-RSP");
        String byAForce = ExchangeFixtures.freshId("HEALTH-RSP");
        String genuine = ExchangeFixtures.freshId("HEALTH-RSP");
        List<String> securityCodes = List.of("FROM_AGENCY_MISMATCH", "UNSIGNED", "BAD_SIGNATURE", "UNKNOWN_SIGNER",
                "NOT_ENCRYPTED");
        Map<String, Long> before = quarantineAndAlerts(securityCodes);
        long wrongTypeBefore = quarantined("WRONG_DOCUMENT_TYPE");

        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-CSC", "csc-mash@derby.example",
                ExchangeFixtures.response(byAnotherAgency, requestId, "HEALTH", "Forged item.", null),
                Build.SIGNED_AND_ENCRYPTED));
        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-HEALTH", "health-mash@derby.example",
                ExchangeFixtures.response(unsigned, requestId, "HEALTH", "Unsigned item.", null), Build.UNSIGNED));
        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-HEALTH", "health-mash@derby.example",
                ExchangeFixtures.response(tampered, requestId, "HEALTH", "Tampered item.", null),
                Build.TAMPERED_AFTER_SIGNING));
        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("police-DERBYS", "force@derbyshire.example",
                ExchangeFixtures.response(byAForce, requestId, "HEALTH", "Item from a force.", null),
                Build.SIGNED_AND_ENCRYPTED));
        GATEWAY_MAILBOX.deliver(AgencyMail.plain("health-mash@derby.example",
                ExchangeFixtures.response(ExchangeFixtures.freshId("HEALTH-RSP"), requestId, "HEALTH", "Clear.", null)));
        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-HEALTH", "health-mash@derby.example",
                ExchangeFixtures.request(ExchangeFixtures.freshId("MASH-REQ"), "HEALTH", ExchangeFixtures.FUTURE),
                Build.SIGNED_AND_ENCRYPTED));
        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-HEALTH", "health-mash@derby.example",
                ExchangeFixtures.response(genuine, requestId, "HEALTH", "Genuine item.", null),
                Build.SIGNED_AND_ENCRYPTED));

        awaitResponse("HEALTH", genuine);
        Map<String, Long> after = awaitQuarantineAndAlerts(before, securityCodes);
        Map<String, Long> expected = new TreeMap<>();
        before.forEach((key, count) -> expected.put(key, count + 1));
        assertThat(after).isEqualTo(expected);
        awaitCount(() -> quarantined("WRONG_DOCUMENT_TYPE"), wrongTypeBefore + 1);
        for (String forged : List.of(byAnotherAgency, unsigned, tampered, byAForce)) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_response WHERE response_id = ?",
                    Integer.class, forged)).as(forged).isZero();
        }
    }

    @Test
    void each_response_post_is_an_exchange_of_its_https_intake_route_and_a_paused_route_takes_none() throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        postRequest(requestId, "HEALTH", ExchangeFixtures.FUTURE);
        String responseId = ExchangeFixtures.freshId("HEALTH-RSP");
        String response = ExchangeFixtures.response(responseId, requestId, "HEALTH", "Item.", null);
        NotifyBuilder refusedThenAccepted = new NotifyBuilder(camel).fromRoute(HTTPS_INTAKE_ROUTE)
                .whenExactlyCompleted(2).create();

        assertThat(agency("HEALTH").postXml(RESPONSES, ExchangeFixtures.response(ExchangeFixtures.freshId("HEALTH-RSP"),
                "MASH-REQ-NEVER-SENT", "HEALTH", "Item.", null)).status()).isEqualTo(403);
        try (PausedRoute pause = pauseRoute(HTTPS_INTAKE_ROUTE)) {
            Answer paused = agency("HEALTH").postXml(RESPONSES, response);

            assertThat(paused.status()).isEqualTo(503);
            assertThat(paused.reasonCode()).isEqualTo("INTAKE_PAUSED");
            assertThat(paused.retryAfter()).isNotBlank();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_response WHERE response_id = ?",
                    Integer.class, responseId)).isZero();
        }
        assertThat(agency("HEALTH").postXml(RESPONSES, response).status()).isEqualTo(202);

        assertThat(refusedThenAccepted.matches(10, TimeUnit.SECONDS))
                .as("the refusal and the acceptance went through the route, the paused POST did not").isTrue();
    }

    @Test
    void an_agency_claiming_to_be_another_by_https_is_forbidden_and_alerted() {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        postRequest(requestId, "HEALTH", ExchangeFixtures.FUTURE);
        long alerts = securityAlerts("FROM_AGENCY_MISMATCH");

        Answer answer = agency("CSC").postXml(RESPONSES, ExchangeFixtures.response(ExchangeFixtures.freshId("HEALTH-RSP"),
                requestId, "HEALTH", "Claimed item.", null));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.reasonCode()).isEqualTo("FROM_AGENCY_MISMATCH");
        assertThat(securityAlerts("FROM_AGENCY_MISMATCH")).isEqualTo(alerts + 1);
    }

    @Test
    void a_reply_to_a_request_sent_to_another_agency_or_to_no_request_is_refused() {
        String toSocialCare = ExchangeFixtures.freshId("MASH-REQ");
        postRequest(toSocialCare, "CSC", ExchangeFixtures.FUTURE);
        long alerts = securityAlerts("REQUEST_NOT_SENT_TO_AGENCY");

        Answer misdirected = agency("HEALTH").postXml(RESPONSES, ExchangeFixtures.response(
                ExchangeFixtures.freshId("HEALTH-RSP"), toSocialCare, "HEALTH", "Item.", null));
        Answer unknown = agency("HEALTH").postXml(RESPONSES, ExchangeFixtures.response(
                ExchangeFixtures.freshId("HEALTH-RSP"), "MASH-REQ-NEVER-SENT", "HEALTH", "Item.", null));

        assertThat(misdirected.status()).isEqualTo(403);
        assertThat(misdirected.reasonCode()).isEqualTo("REQUEST_NOT_SENT_TO_AGENCY");
        assertThat(unknown.reasonCode()).isEqualTo("REQUEST_NOT_SENT_TO_AGENCY");
        assertThat(securityAlerts("REQUEST_NOT_SENT_TO_AGENCY")).isEqualTo(alerts + 2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_response WHERE request_id = ?", Integer.class,
                toSocialCare)).isZero();
    }

    @Test
    void a_late_response_is_accepted_flagged_and_counted() throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        String requestReference = postRequest(requestId, "HEALTH", ExchangeFixtures.PAST);
        double lateBefore = lateResponses();

        Answer answer = agency("HEALTH").postXml(RESPONSES, ExchangeFixtures.response(
                ExchangeFixtures.freshId("HEALTH-RSP"), requestId, "HEALTH", "Late item.", null));

        assertThat(answer.status()).isEqualTo(202);
        String reference = answer.json().path("reference").asText();
        Map<String, Object> row = jdbc.queryForMap("SELECT late, casework_reference FROM information_response "
                + "WHERE reference = ?", reference);
        assertThat(row.get("late")).isEqualTo(true);
        assertThat(decisions(reference)).containsExactly("ACCEPTED:LATE");
        assertThat(lateResponses()).isEqualTo(lateBefore + 1);
        String opened = ExchangeFixtures.openedByCaseSystem(bodyOf(awaitCasework((String) row.get("casework_reference"))));
        assertThat(opened).contains("request-reference=\"" + requestReference + "\" late=\"true\"?>")
                .contains("Received late");
        assertThat(jdbc.queryForObject("SELECT closed_at FROM information_request WHERE request_id = ?", Object.class,
                requestId)).as("s2 not answered: still open").isNull();
    }

    @Test
    void a_resend_is_already_accepted_other_content_under_the_same_id_conflicts_and_a_closed_request_takes_no_more() {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        postRequest(requestId, "HEALTH", ExchangeFixtures.FUTURE);
        String responseId = ExchangeFixtures.freshId("HEALTH-RSP");
        String complete = ExchangeFixtures.response(responseId, requestId, "HEALTH", "Item.", "Reason held back.");

        Answer first = agency("HEALTH").postXml(RESPONSES, complete);
        Answer again = agency("HEALTH").postXml(RESPONSES, complete);
        Answer changed = agency("HEALTH").postXml(RESPONSES, complete.replace("Item.", "Another item."));
        Answer afterClosing = agency("HEALTH").postXml(RESPONSES, ExchangeFixtures.response(
                ExchangeFixtures.freshId("HEALTH-RSP"), requestId, "HEALTH", "Item.", null));

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("ALREADY_ACCEPTED");
        assertThat(again.json().path("reference").asText()).isEqualTo(first.json().path("reference").asText());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.reasonCode()).isEqualTo("ID_ALREADY_USED_WITH_OTHER_CONTENT");
        assertThat(afterClosing.status()).isEqualTo(409);
        assertThat(afterClosing.reasonCode()).isEqualTo("REQUEST_CLOSED");
    }

    @Test
    void a_response_by_queue_is_accepted_and_an_invalid_or_misattributed_one_quarantined() throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        postRequest(requestId, "HEALTH", ExchangeFixtures.FUTURE);
        String responseId = ExchangeFixtures.freshId("HEALTH-RSP");
        long invalidBefore = quarantined("SCHEMA_INVALID");
        long mismatchBefore = quarantined("FROM_AGENCY_MISMATCH");
        NotifyBuilder oneAcceptedTwoQuarantined = new NotifyBuilder(camel).fromRoute(QUEUE_INTAKE_ROUTE)
                .whenExactlyCompleted(3).and().whenExactlyFailed(0).create();

        JsonNode accepted = sendAs("HEALTH",
                ExchangeFixtures.response(responseId, requestId, "HEALTH", "Queued item.", null));
        JsonNode invalid = sendAs("HEALTH", ExchangeFixtures.response(ExchangeFixtures.freshId("HEALTH-RSP"), requestId,
                "HEALTH", "Queued item.", null).replace("<Known>true</Known>", "<Known>perhaps</Known>"));
        JsonNode misattributed = sendAs("EWS", ExchangeFixtures.response(ExchangeFixtures.freshId("HEALTH-RSP"),
                requestId, "HEALTH", "Queued item.", null));

        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForObject("SELECT received_via FROM information_response WHERE reference = ?", String.class,
                accepted.path("reference").asText())).isEqualTo("QUEUE");
        assertThat(invalid.path("status").asText()).isEqualTo("REJECTED");
        assertThat(invalid.path("reasonCode").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(invalid.toString()).doesNotContain("perhaps");
        assertThat(misattributed.path("reasonCode").asText()).isEqualTo("FROM_AGENCY_MISMATCH");
        assertThat(misattributed.path("httpEquivalent").asInt()).isEqualTo(403);
        awaitCount(() -> quarantined("SCHEMA_INVALID"), invalidBefore + 1);
        awaitCount(() -> quarantined("FROM_AGENCY_MISMATCH"), mismatchBefore + 1);
        assertThat(oneAcceptedTwoQuarantined.matches(10, TimeUnit.SECONDS))
                .as("all three completed the queue intake route; the refused ones did not fail back to the broker")
                .isTrue();
    }

    @Test
    void an_accepted_response_waits_in_the_outbox_while_nothing_sends_and_goes_when_sending_resumes() throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        postRequest(requestId, "HEALTH", ExchangeFixtures.FUTURE);
        // The one pause switch of the outbox: the delivery route, paused as an admin does.
        String caseworkReference;
        try (PausedRoute pause = pauseRoute("delivery")) {
            Answer answer = agency("HEALTH").postXml(RESPONSES, ExchangeFixtures.response(
                    ExchangeFixtures.freshId("HEALTH-RSP"), requestId, "HEALTH", "Outbox item.", null));
            assertThat(answer.status()).isEqualTo(202);
            caseworkReference = jdbc.queryForObject("SELECT casework_reference FROM information_response "
                    + "WHERE reference = ?", String.class, answer.json().path("reference").asText());
            Thread.sleep(1_500);
            assertThat(outboxState(caseworkReference)).isEqualTo("PENDING");
        }

        assertThat(ExchangeFixtures.openedByCaseSystem(bodyOf(awaitCasework(caseworkReference)))).contains("Outbox item.");
        awaitDecision(caseworkReference, "DELIVERED");
        assertThat(outboxState(caseworkReference)).isEqualTo("SENT");
    }

    @Test
    void the_sample_response_answers_the_sample_request_and_the_case_system_opens_it_with_openssl(@TempDir Path dir)
            throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        String request = sample("information-request.xml").replace("MASH-REQ-2026-00077", requestId);
        Answer asked = GatewayClient.as("casework", port).postXml("/api/v1/information-requests", request);
        assertThat(asked.status()).isEqualTo(202);
        String response = sample("information-response.xml").replace("MASH-REQ-2026-00077", requestId)
                .replace("HEALTH-RSP-2026-1193", ExchangeFixtures.freshId("HEALTH-RSP"));

        Answer answered = agency("HEALTH").postXml(RESPONSES, response);

        assertThat(answered.status()).isEqualTo(202);
        String caseworkReference = jdbc.queryForObject("SELECT casework_reference FROM information_response "
                + "WHERE reference = ?", String.class, answered.json().path("reference").asText());
        assumeThat(Files.isExecutable(OPENSSL)).as("openssl is needed to open the output").isTrue();
        Path received = Files.write(dir.resolve("casework.p7m"), bodyOf(awaitCasework(caseworkReference)));
        assertThat(openssl("cms", "-decrypt", "-in", received.toString(), "-recip", "certs-example/casework.crt",
                "-inkey", "certs-example/casework.key", "-out", dir.resolve("decrypted").toString())).isZero();
        assertThat(openssl("cms", "-verify", "-in", dir.resolve("decrypted").toString(), "-CAfile",
                "certs-example/ca.crt", "-out", dir.resolve("content").toString())).isZero();
        StringBuilder decoded = new StringBuilder();
        MimeMessage content = new MimeMessage(null, Files.newInputStream(dir.resolve("content")));
        Multipart parts = (Multipart) content.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            decoded.append(new String(parts.getBodyPart(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(decoded.toString()).contains("Information response").contains(caseworkReference)
                .contains("<HeldBy>Derby MASH Health</HeldBy>").contains(CaseworkCopy.WITHHELD_REASON)
                .doesNotContain("ongoing investigation");
    }

    /** The state of a CASEWORK entry of the outbox. */
    private String outboxState(String caseworkReference) {
        return jdbc.queryForObject("SELECT status FROM delivery WHERE output_reference = ? AND outbox_kind = 'CASEWORK'",
                String.class, caseworkReference);
    }

    private static int openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = InformationResponseExchangeTest.class.getResourceAsStream("/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void casework_output_for_a_case_system_no_longer_in_the_directory_fails_with_a_delivery_alert() throws Exception {
        String requestId = ExchangeFixtures.freshId("MASH-REQ");
        String requestReference = references.next();
        jdbc.update("""
                INSERT INTO information_request (request_id, case_system, to_agency, reference, canonical_hash,
                    respond_by, received_via, received_at)
                VALUES (?, 'GONE', 'HEALTH', ?, ?, ?, 'HTTPS', CURRENT_TIMESTAMP)""", requestId, requestReference,
                "0".repeat(64), Timestamp.from(Instant.parse(ExchangeFixtures.FUTURE)));
        bodies.put(requestReference, ExchangeFixtures.request(requestId, "HEALTH", ExchangeFixtures.FUTURE)
                .getBytes(StandardCharsets.UTF_8));
        long alerts = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'DELIVERY' AND reason_code = "
                + "'RECIPIENT_NOT_IN_DIRECTORY'", Long.class);

        Answer answer = agency("HEALTH").postXml(RESPONSES, ExchangeFixtures.response(
                ExchangeFixtures.freshId("HEALTH-RSP"), requestId, "HEALTH", "Item.", null));

        assertThat(answer.status()).isEqualTo(202);
        String caseworkReference = jdbc.queryForObject("SELECT casework_reference FROM information_response "
                + "WHERE reference = ?", String.class, answer.json().path("reference").asText());
        awaitDecision(caseworkReference, "FAILED");
        assertThat(outboxState(caseworkReference)).isEqualTo("FAILED");
        assertThat(decisions(caseworkReference)).contains("FAILED:RECIPIENT_NOT_IN_DIRECTORY");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'DELIVERY' AND reason_code = "
                + "'RECIPIENT_NOT_IN_DIRECTORY'", Long.class)).isEqualTo(alerts + 1);
    }

    private String postRequest(String requestId, String agency, String respondBy) {
        Answer answer = GatewayClient.as("casework", port).postXml("/api/v1/information-requests",
                ExchangeFixtures.request(requestId, agency, respondBy));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().path("reference").asText();
    }

    private GatewayClient agency(String code) {
        return GatewayClient.as("agency-" + code, port);
    }

    private List<String> decisions(String reference) {
        return jdbc.queryForList("SELECT decision || ':' || COALESCE(reason_code, '') FROM decision_record "
                + "WHERE gateway_reference = ?", String.class, reference);
    }

    private double lateResponses() {
        return meters.find("mash.exchange.late-responses").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private long securityAlerts(String reasonCode) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY' AND reason_code = ?", Long.class,
                reasonCode);
    }

    private Map<String, Long> quarantineAndAlerts(List<String> reasonCodes) throws JMSException {
        Map<String, Long> counts = new TreeMap<>();
        for (String reasonCode : reasonCodes) {
            counts.put("quarantine:" + reasonCode, quarantined(reasonCode));
            counts.put("alert:" + reasonCode, securityAlerts(reasonCode));
        }
        return counts;
    }

    /** Waits until every count has moved (or 30 s), then returns the counts. */
    private Map<String, Long> awaitQuarantineAndAlerts(Map<String, Long> before, List<String> reasonCodes)
            throws Exception {
        Map<String, Long> now = quarantineAndAlerts(reasonCodes);
        for (int attempt = 0; attempt < 300 && before.keySet().stream().anyMatch(k -> now.get(k).equals(before.get(k)));
                attempt++) {
            Thread.sleep(100);
            now.putAll(quarantineAndAlerts(reasonCodes));
        }
        return now;
    }

    private long quarantined(String reasonCode) throws JMSException {
        try (Connection connection = gatewayConnections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Enumeration<?> browsed = session.createBrowser(session.createQueue(BrokerAddresses.QUARANTINE),
                    "MashReasonCode = '" + reasonCode + "'").getEnumeration();
            long count = 0;
            for (; browsed.hasMoreElements(); browsed.nextElement()) {
                count++;
            }
            return count;
        }
    }

    private Map<String, Object> awaitResponse(String agency, String responseId) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM information_response "
                    + "WHERE from_agency = ? AND response_id = ?", agency, responseId);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the response was not accepted");
    }

    private void awaitDecision(String reference, String decision) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ? AND decision = ?",
                    Integer.class, reference, decision) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + decision + " decision");
    }

    private BytesMessage awaitCasework(String caseworkReference) throws JMSException {
        try (Connection connection = gatewayConnections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerAddresses.CASEWORK),
                    "MashReference = '" + caseworkReference + "'");
            Message message = consumer.receive(30_000);
            assertThat(message).as("the casework output").isInstanceOf(BytesMessage.class);
            return (BytesMessage) message;
        }
    }

    private void awaitSeen(String responseId) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            MimeMessage[] inbox = MAIL.getReceivedMessagesForDomain("localhost");
            boolean allSeen = inbox.length > 0;
            for (MimeMessage message : inbox) {
                allSeen &= message.getFlags().contains(Flags.Flag.SEEN);
            }
            if (allSeen) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the mail for " + responseId + " was not marked seen");
    }

    private MimeMessage awaitSentMailTo(String address, String reference) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            for (MimeMessage mail : MAIL.getReceivedMessages()) {
                if (mail.getAllRecipients()[0].toString().equals(address) && mail.getSubject().endsWith(reference)) {
                    return mail;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail for the agency");
    }

    private static JsonNode sendAs(String agency, String xml) throws JMSException, IOException {
        return PartnerQueue.report(BROKER_PORT, agency, BrokerAddresses.INFORMATION_RESPONSES,
                session -> PartnerQueue.text(session, xml));
    }

    private static void awaitCount(CountSource source, long expected) throws Exception {
        for (int attempt = 0; attempt < 100 && source.count() < expected; attempt++) {
            Thread.sleep(100);
        }
        assertThat(source.count()).isEqualTo(expected);
    }

    @FunctionalInterface
    private interface CountSource {
        long count() throws Exception;
    }

    private static List<String> propertyNames(Message message) throws JMSException {
        List<String> names = new ArrayList<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            if (!name.toString().startsWith("JMS") && !name.toString().startsWith("_AMQ")) {
                names.add(name.toString());
            }
        }
        return names;
    }

    private static byte[] bodyOf(BytesMessage message) throws JMSException {
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        return body;
    }

    private static byte[] rawBytes(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toByteArray();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
