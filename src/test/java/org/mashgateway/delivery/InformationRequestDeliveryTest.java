package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The MASH case system asks a partner agency what it holds: the request is accepted over mutual
 * TLS, recorded, and reaches the named agency signed and encrypted to it alone.
 */
class InformationRequestDeliveryTest extends SharedGatewayTest {

    private static final String HTTPS_INTAKE_ROUTE = "information-request-https-intake";
    private static final String PATH = "/api/v1/information-requests";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 100_000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @TempDir
    Path dir;

    @Test
    void a_request_reaches_the_named_agency_readable_only_with_its_key() throws Exception {
        String requestId = freshRequestId();

        Answer answer = caseSystem().postXml(PATH, request(requestId, "HEALTH", "OFFICIAL"));

        assertThat(answer.status()).isEqualTo(202);
        String reference = answer.json().path("reference").asText();
        MimeMessage mail = awaitMailAbout(reference, "health-mash@derby.example");
        assertThat(mail.getSubject()).matches("OFFICIAL-SENSITIVE: Information request MGW-[0-9A-Z]{26}");
        assertThat(DeliveryFixtures.headersOf(mail)).doesNotContain("Sample").doesNotContain(requestId);
        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        Path saved = Files.write(dir.resolve("request.eml"), DeliveryFixtures.bytesOf(mail));
        assertThat(DeliveryFixtures.decrypt(saved, "agency-CSC", dir.resolve("wrong")).exitCode()).isNotZero();
        assertThat(DeliveryFixtures.decrypt(saved, "agency-HEALTH", dir.resolve("decrypted")).exitCode()).isZero();
        assertThat(DeliveryFixtures.verify(dir.resolve("decrypted"), dir.resolve("content")).exitCode()).isZero();
        String content = Files.readString(dir.resolve("content"), StandardCharsets.UTF_8);
        assertThat(content).contains("Information request").contains("Named Nurse");
        assertThat(jdbc.queryForList("SELECT decision FROM decision_record WHERE gateway_reference = ?", String.class,
                reference)).containsExactly("ACCEPTED");
        assertThat(jdbc.queryForObject("""
                SELECT d.lawful_basis FROM decision_record d JOIN delivery v ON v.output_reference = d.gateway_reference
                WHERE v.notification_reference = ? AND d.decision = 'SHARED'""", String.class, reference))
                .isEqualTo("Children Act 1989 s47; UK GDPR Art. 6(1)(e), Art. 9(2)(g)");
    }

    @Test
    void each_request_post_is_an_exchange_of_its_https_intake_route_and_a_paused_route_takes_none() throws Exception {
        NotifyBuilder pausedThenAcceptedAndRefused = new NotifyBuilder(camel).fromRoute(HTTPS_INTAKE_ROUTE)
                .whenExactlyCompleted(2).create();
        String requestId = freshRequestId();
        try (PausedRoute pause = pauseRoute(HTTPS_INTAKE_ROUTE)) {
            Answer paused = caseSystem().postXml(PATH, request(requestId, "CSC", "OFFICIAL-SENSITIVE"));

            assertThat(paused.status()).isEqualTo(503);
            assertThat(paused.reasonCode()).isEqualTo("INTAKE_PAUSED");
            assertThat(paused.retryAfter()).isNotBlank();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_request WHERE request_id = ?",
                    Integer.class, requestId)).isZero();
        }

        assertThat(caseSystem().postXml(PATH, request(requestId, "CSC", "OFFICIAL-SENSITIVE")).status()).isEqualTo(202);
        assertThat(caseSystem().postXml(PATH, request(freshRequestId(), "NOBODY", "OFFICIAL-SENSITIVE")).status())
                .isEqualTo(400);
        assertThat(pausedThenAcceptedAndRefused.matches(10, TimeUnit.SECONDS))
                .as("the acceptance and the refusal went through the route, the paused POST did not").isTrue();
    }

    @Test
    void a_resend_is_already_accepted_and_other_content_under_the_same_id_is_a_conflict() {
        String requestId = freshRequestId();
        Answer first = caseSystem().postXml(PATH, request(requestId, "CSC", "OFFICIAL-SENSITIVE"));

        Answer again = caseSystem().postXml(PATH, request(requestId, "CSC", "OFFICIAL-SENSITIVE"));
        Answer changed = caseSystem().postXml(PATH, request(requestId, "EWS", "OFFICIAL-SENSITIVE"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("reference").asText()).isEqualTo(first.json().path("reference").asText());
        assertThat(changed.status()).isEqualTo(409);
    }

    @Test
    void only_the_case_system_may_ask_and_only_agencies_in_the_directory_are_asked() {
        Answer fromForce = GatewayClient.as("police-DERBYS", port).postXml(PATH, request(freshRequestId(), "HEALTH",
                "OFFICIAL-SENSITIVE"));
        Answer unknownAgency = caseSystem().postXml(PATH, request(freshRequestId(), "NOBODY", "OFFICIAL-SENSITIVE"));
        Answer secret = caseSystem().postXml(PATH, request(freshRequestId(), "HEALTH", "SECRET"));

        assertThat(fromForce.status()).isEqualTo(403);
        assertThat(fromForce.reasonCode()).isEqualTo("CALLER_NOT_PERMITTED_FOR_PATH");
        assertThat(unknownAgency.status()).isEqualTo(400);
        assertThat(unknownAgency.reasonCode()).isEqualTo("UNKNOWN_AGENCY");
        assertThat(secret.reasonCode()).isEqualTo("CLASSIFICATION_NOT_PERMITTED");
    }

    private GatewayClient caseSystem() {
        return GatewayClient.as("casework", port);
    }

    private static String freshRequestId() {
        return "MASH-REQ-T" + SEQUENCE.incrementAndGet();
    }

    private static String request(String requestId, String agency, String classification) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <InformationRequest xmlns="urn:mash-gateway:information-exchange:1" version="1.0">
                  <RequestId>%s</RequestId>
                  <CaseReference>LCS-552301</CaseReference>
                  <Classification>%s</Classification>
                  <RequestingTeam>Derby City MASH - Named Nurse liaison</RequestingTeam>
                  <ToAgency code="%s">Partner agency</ToAgency>
                  <Purpose>S47_STRATEGY</Purpose>
                  <LawfulBasis>Children Act 1989 s47; UK GDPR Art. 6(1)(e), Art. 9(2)(g)</LawfulBasis>
                  <RespondBy>2026-11-21T16:00:00Z</RespondBy>
                  <Subject id="s1" role="CHILD">
                    <Name><Given>Amy</Given><Family>Sample</Family></Name>
                    <DateOfBirth>2016-03-14</DateOfBirth>
                  </Subject>
                  <Question>Please share any health involvement in the last 12 months.</Question>
                </InformationRequest>
                """.formatted(requestId, classification, agency);
    }
}
