package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.DemoPki;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every answer of POST /api/v1/notifications, from real TLS clients holding real certificates. */
class NotificationIngressTest extends SharedGatewayTest {

    private static final String PATH = "/api/v1/notifications";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CamelContext camel;

    private GatewayClient derbyshire() {
        return GatewayClient.as("police-DERBYS", port);
    }

    @Test
    void a_valid_notification_is_accepted_with_an_opaque_gateway_reference() {
        Notifications notification = Notifications.notification();

        Answer answer = derbyshire().postXml(PATH, notification.xml());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.json().path("id").asText()).isEqualTo(notification.id());
        assertThat(answer.json().path("reference").asText()).matches("MGW-[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void every_post_is_an_exchange_of_the_notification_https_intake_route_refusals_included() {
        NotifyBuilder two = new NotifyBuilder(camel).fromRoute(HttpsIntakeRoutes.NOTIFICATION).whenCompleted(2).create();

        assertThat(derbyshire().postXml(PATH, Notifications.notification().xml()).status()).isEqualTo(202);
        assertThat(derbyshire().postXml(PATH, Notifications.notification().riskLevel("CATASTROPHIC").xml()).status())
                .isEqualTo(400);

        assertThat(two.matches(10, TimeUnit.SECONDS)).as("both POSTs went through the route").isTrue();
    }

    @Test
    void a_paused_https_intake_route_answers_503_with_retry_after_and_reads_nothing_until_it_is_resumed() throws Exception {
        Notifications notification = Notifications.notification();
        try (PausedRoute pause = pauseRoute(HttpsIntakeRoutes.NOTIFICATION)) {
            Answer paused = derbyshire().postXml(PATH, notification.xml());

            assertThat(paused.status()).isEqualTo(503);
            assertThat(paused.reasonCode()).isEqualTo("INTAKE_PAUSED");
            assertThat(paused.retryAfter()).isNotBlank();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM received_notification WHERE notification_id = ?",
                    Integer.class, notification.id())).isZero();
            // Other document types are not paused with it.
            assertThat(camel.getRouteController().getRouteStatus(HttpsIntakeRoutes.ACKNOWLEDGEMENT))
                    .isEqualTo(ServiceStatus.Started);
        }

        assertThat(derbyshire().postXml(PATH, notification.xml()).status()).as("sent again after the pause").isEqualTo(202);
    }

    @Test
    void the_sample_notification_is_accepted_as_text_xml_too() throws Exception {
        String sample = new String(getClass().getResourceAsStream("/samples/da-notification-high.xml").readAllBytes(),
                StandardCharsets.UTF_8).replace("DERBYS-DA-2026-004211", Notifications.freshId("DERBYS"));

        Answer answer = derbyshire().post(PATH, "text/xml; charset=UTF-8", sample.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(202);
    }

    @Test
    void an_identical_resend_answers_200_with_the_same_reference_even_when_reformatted() {
        Notifications notification = Notifications.notification();
        Answer first = derbyshire().postXml(PATH, notification.xml());

        String reformatted = notification.xml().replace("\n  ", "\n        ").replace("version=\"1.0\">", "version='1.0' >");
        Answer again = derbyshire().postXml(PATH, reformatted);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("ALREADY_ACCEPTED");
        assertThat(again.json().path("reference").asText()).isEqualTo(first.json().path("reference").asText());
    }

    @Test
    void the_same_id_with_other_content_is_a_conflict() {
        Notifications notification = Notifications.notification();
        derbyshire().postXml(PATH, notification.xml());

        Answer answer = derbyshire().postXml(PATH, notification.riskLevel("MEDIUM").xml());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.reasonCode()).isEqualTo("ID_ALREADY_USED_WITH_OTHER_CONTENT");
    }

    @Test
    void a_schema_invalid_notification_is_refused_with_line_column_and_rule_but_not_the_value() {
        String xml = Notifications.notification().riskLevel("CATASTROPHIC").xml();

        Answer answer = derbyshire().postXml(PATH, xml);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.reasonCode()).isEqualTo("SCHEMA_INVALID");
        assertThat(answer.json().path("errors").get(0).path("line").asInt()).isGreaterThan(1);
        assertThat(answer.json().path("errors").get(0).path("column").asInt()).isPositive();
        assertThat(answer.json().path("errors").get(0).path("message").asText()).contains("RiskLevel");
        assertThat(answer.body()).doesNotContain("CATASTROPHIC");
    }

    @Test
    void a_secret_marking_is_refused_and_raises_a_security_alert() {
        Integer before = jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert WHERE reason_code = 'CLASSIFICATION_NOT_PERMITTED'", Integer.class);

        Answer answer = derbyshire().postXml(PATH, Notifications.notification().classification("SECRET").xml());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.reasonCode()).isEqualTo("CLASSIFICATION_NOT_PERMITTED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE reason_code = 'CLASSIFICATION_NOT_PERMITTED'",
                Integer.class)).isEqualTo(before + 1);
    }

    @Test
    void an_official_marking_is_accepted_and_recorded_as_raised() {
        Answer answer = derbyshire().postXml(PATH, Notifications.notification().classification("OFFICIAL").xml());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(jdbc.queryForObject("SELECT reason_code FROM decision_record WHERE gateway_reference = ?",
                String.class, answer.json().path("reference").asText()))
                .isEqualTo("CLASSIFICATION_RAISED_TO_OFFICIAL_SENSITIVE");
    }

    @Test
    void content_other_than_xml_is_unsupported() {
        Answer json = derbyshire().post(PATH, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        Answer none = derbyshire().post(PATH, null, Notifications.notification().xml().getBytes(StandardCharsets.UTF_8));

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.reasonCode()).isEqualTo("UNSUPPORTED_CONTENT_TYPE");
        assertThat(none.status()).isEqualTo(415);
    }

    @Test
    void a_body_over_the_limit_is_refused_before_it_is_read() {
        byte[] big = new byte[1_048_577];
        Arrays.fill(big, (byte) ' ');

        Answer answer = derbyshire().post(PATH, "application/xml", big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.reasonCode()).isEqualTo("TOO_LARGE");
    }

    @Test
    void no_client_certificate_is_401() {
        Answer answer = new GatewayClient(DemoPki.clientWithoutCertificate(), port)
                .postXml(PATH, Notifications.notification().xml());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.reasonCode()).isEqualTo("NO_CLIENT_CERTIFICATE");
    }

    @Test
    void anonymous_requests_are_counted_but_cannot_fill_the_alert_store() {
        GatewayClient anyone = new GatewayClient(DemoPki.clientWithoutCertificate(), port);
        long alertsBefore = alerts("NO_CLIENT_CERTIFICATE");
        double countedBefore = refusalsCounted("NO_CLIENT_CERTIFICATE");

        for (int i = 0; i < 30; i++) {
            assertThat(anyone.postXml(PATH, "<x/>").status()).isEqualTo(401);
        }

        assertThat(refusalsCounted("NO_CLIENT_CERTIFICATE") - countedBefore).isEqualTo(30.0);
        assertThat(alerts("NO_CLIENT_CERTIFICATE") - alertsBefore).as("alert rows for 30 refusals").isLessThanOrEqualTo(1);
    }

    @Test
    void a_certificate_from_an_untrusted_issuer_is_401() {
        Answer answer = new GatewayClient(DemoPki.clientPresentingUntrusted(), port)
                .postXml(PATH, Notifications.notification().xml());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.reasonCode()).isEqualTo("CERTIFICATE_NOT_TRUSTED");
    }

    @Test
    void an_expired_certificate_is_401() {
        Answer answer = new GatewayClient(DemoPki.clientPresentingExpired(), port)
                .postXml(PATH, Notifications.notification().xml());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.reasonCode()).isEqualTo("CERTIFICATE_EXPIRED");
    }

    @Test
    void a_trusted_certificate_that_is_not_in_the_directory_is_403() {
        Answer answer = new GatewayClient(DemoPki.clientPresentingUnregistered(), port)
                .postXml(PATH, Notifications.notification().xml());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.reasonCode()).isEqualTo("CERTIFICATE_NOT_REGISTERED");
    }

    @Test
    void an_agency_or_the_case_system_may_not_send_notifications() {
        Answer agency = GatewayClient.as("agency-CSC", port).postXml(PATH, Notifications.notification().xml());
        Answer caseSystem = GatewayClient.as("casework", port).postXml(PATH, Notifications.notification().xml());

        assertThat(agency.status()).isEqualTo(403);
        assertThat(agency.reasonCode()).isEqualTo("CALLER_NOT_PERMITTED_FOR_PATH");
        assertThat(caseSystem.status()).isEqualTo(403);
    }

    @Test
    void a_force_sending_as_another_force_is_403_and_alerted() {
        GatewayClient nottinghamshire = GatewayClient.as("police-NOTTS", port);
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY'", Integer.class);

        Answer claimsDerbyshire = nottinghamshire.postXml(PATH, Notifications.notification().xml());
        Answer derbyshireIdPrefix = nottinghamshire.postXml(PATH, Notifications.notification()
                .force("NOTTS", "Nottinghamshire Police").xml());

        assertThat(claimsDerbyshire.status()).isEqualTo(403);
        assertThat(claimsDerbyshire.reasonCode()).isEqualTo("SENDING_FORCE_MISMATCH");
        assertThat(derbyshireIdPrefix.status()).isEqualTo(403);
        assertThat(derbyshireIdPrefix.reasonCode()).isEqualTo("NOTIFICATION_ID_PREFIX_MISMATCH");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY'", Integer.class))
                .isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void a_correction_and_a_withdrawal_must_name_a_notification_of_the_same_force() {
        Notifications original = Notifications.notification();
        assertThat(derbyshire().postXml(PATH, original.xml()).status()).isEqualTo(202);

        Answer correction = derbyshire().postXml(PATH, Notifications.notification().supersedes(original.id()).xml());
        Answer unknown = derbyshire().postXml(PATH,
                Notifications.notification().supersedes(Notifications.freshId("DERBYS")).xml());
        Answer withdrawal = derbyshire().postXml(PATH,
                Notifications.withdrawal(Notifications.freshId("DERBYS"), original.id()));
        Answer unknownWithdrawal = derbyshire().postXml(PATH,
                Notifications.withdrawal(Notifications.freshId("DERBYS"), Notifications.freshId("DERBYS")));

        assertThat(correction.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.reasonCode()).isEqualTo("UNKNOWN_ORIGINAL_NOTIFICATION");
        assertThat(withdrawal.status()).isEqualTo(202);
        assertThat(unknownWithdrawal.status()).isEqualTo(400);
    }

    @Test
    void another_forces_notification_cannot_be_withdrawn() {
        Notifications original = Notifications.notification();
        assertThat(derbyshire().postXml(PATH, original.xml()).status()).isEqualTo(202);
        String nottsWithdrawal = Notifications.withdrawal(Notifications.freshId("NOTTS"), original.id())
                .replace("code=\"DERBYS\">Derbyshire Constabulary", "code=\"NOTTS\">Nottinghamshire Police");

        Answer answer = GatewayClient.as("police-NOTTS", port).postXml(PATH, nottsWithdrawal);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.reasonCode()).isEqualTo("UNKNOWN_ORIGINAL_NOTIFICATION");
    }

    @Test
    void acceptance_is_recorded_in_the_decision_record_and_the_body_is_stored_encrypted() {
        Notifications notification = Notifications.notification().victim("Zofia", "Wójcik-Ostrowska", "1990-02-03");

        Answer answer = derbyshire().postXml(PATH, notification.xml());
        String reference = answer.json().path("reference").asText();

        assertThat(jdbc.queryForObject("SELECT decision FROM decision_record WHERE gateway_reference = ?", String.class,
                reference)).isEqualTo("ACCEPTED");
        byte[] stored = jdbc.queryForObject("SELECT ciphertext FROM message_body WHERE gateway_reference = ?", byte[].class,
                reference);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Zofia").doesNotContain("Example");
    }

    @Test
    void health_is_open_without_a_certificate() {
        Answer answer = new GatewayClient(DemoPki.clientWithoutCertificate(), port).get("/actuator/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("UP");
    }

    private long alerts(String reasonCode) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE reason_code = ?", Long.class, reasonCode);
    }

    private double refusalsCounted(String reason) {
        var counter = meters.find("mash.ingress.refusals").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
