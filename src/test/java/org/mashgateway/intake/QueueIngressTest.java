package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.PartnerQueue;
import org.mashgateway.support.QuarantineBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Police notifications by queue, sent the way a force's system would: over TCP to the broker as
 * its own broker user. Accepted ones are persisted and reported; refused ones quarantined.
 */
class QueueIngressTest extends GatewayTest {

    private static final int PORT = freePort();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    ConnectionFactory gatewayConnections;

    @Autowired
    MessageStore store;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        partnerListener(registry, PORT);
    }

    @Test
    void a_valid_notification_is_persisted_and_the_reply_names_its_reference() throws Exception {
        Notifications notification = Notifications.notification();
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("notification-queue-intake").whenCompleted(1).create();

        JsonNode report = sendAs("DERBYS", notification.xml());

        assertThat(done.matches(10, TimeUnit.SECONDS)).as("one exchange of the queue intake route").isTrue();
        assertThat(report.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(report.path("id").asText()).isEqualTo(notification.id());
        assertThat(jdbc.queryForObject("SELECT received_via FROM received_notification WHERE notification_id = ?",
                String.class, notification.id())).isEqualTo("QUEUE");
    }

    @Test
    void a_withdrawal_by_queue_is_planned_for_every_recipient_of_the_original_in_the_acceptance() throws Exception {
        Notifications original = Notifications.notification();
        String originalReference = sendAs("DERBYS", original.xml()).path("reference").asText();
        String withdrawalId = Notifications.freshId("DERBYS");

        JsonNode report = sendAs("DERBYS", Notifications.withdrawal(withdrawalId, original.id()));

        assertThat(report.path("status").asText()).isEqualTo("ACCEPTED");
        String replaced = "SELECT d.recipient, d.output_reference FROM delivery d WHERE d.notification_reference = ? "
                + "AND d.output_reference IS NOT NULL ORDER BY d.recipient";
        assertThat(jdbc.queryForList("SELECT recipient, kind, replaces_reference FROM delivery "
                        + "WHERE notification_reference = ? ORDER BY recipient", report.path("reference").asText()))
                .extracting(row -> row.get("RECIPIENT") + " " + row.get("KIND") + " " + row.get("REPLACES_REFERENCE"))
                .containsExactlyElementsOf(jdbc.queryForList(replaced, originalReference).stream()
                        .map(row -> row.get("RECIPIENT") + " WITHDRAWAL " + row.get("OUTPUT_REFERENCE")).toList())
                .hasSize(4);
    }

    @Test
    void a_redelivered_notification_is_answered_as_already_accepted() throws Exception {
        Notifications notification = Notifications.notification();
        JsonNode first = sendAs("DERBYS", notification.xml());

        JsonNode again = sendAs("DERBYS", notification.xml());

        assertThat(again.path("status").asText()).isEqualTo("ALREADY_ACCEPTED");
        assertThat(again.path("reference").asText()).isEqualTo(first.path("reference").asText());
    }

    @Test
    void a_force_sending_another_forces_notification_is_quarantined_with_its_reason() throws Exception {
        Notifications derbyshires = Notifications.notification();
        NotifyBuilder completed = new NotifyBuilder(camel).fromRoute("notification-queue-intake").whenCompleted(1).create();
        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute("notification-queue-intake").whenFailed(1).create();

        JsonNode report = sendAs("NOTTS", derbyshires.xml());

        assertThat(completed.matches(10, TimeUnit.SECONDS)).as("a refusal completes its exchange").isTrue();
        assertThat(failed.matches()).as("quarantined, not failed back to the broker for redelivery").isFalse();
        assertThat(report.path("status").asText()).isEqualTo("REJECTED");
        assertThat(report.path("reasonCode").asText()).isEqualTo("SENDING_FORCE_MISMATCH");
        Message quarantined = quarantinedCopyOf(derbyshires.id());
        assertThat(quarantined.getStringProperty("MashReasonCode")).isEqualTo("SENDING_FORCE_MISMATCH");
        assertThat(Collections.list(quarantined.getPropertyNames())).allSatisfy(
                name -> assertThat(quarantined.getObjectProperty((String) name).toString()).doesNotContain("Sample"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM received_notification WHERE notification_id = ?",
                Integer.class, derbyshires.id())).isZero();
    }

    @Test
    void an_invalid_document_is_quarantined_and_the_report_carries_codes_and_positions_only() throws Exception {
        Notifications notification = Notifications.notification().riskLevel("SEVERE");

        JsonNode report = sendAs("DERBYS", notification.xml());

        assertThat(report.path("reasonCode").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(report.path("errors").get(0).path("line").asInt()).isPositive();
        assertThat(report.toString()).doesNotContain("SEVERE").doesNotContain("Jane");
        assertThat(quarantinedCopyOf(notification.id()).getStringProperty("MashReasonCode")).isEqualTo("SCHEMA_INVALID");
    }

    @Test
    void the_case_system_sends_an_information_request_by_queue_and_the_broker_refuses_a_force() throws Exception {
        String request = new String(getClass().getResourceAsStream("/samples/information-request.xml").readAllBytes(),
                StandardCharsets.UTF_8).replace("MASH-REQ-2026-00077", "MASH-REQ-Q" + System.nanoTime() % 1_000_000);
        NotifyBuilder oneExchange = new NotifyBuilder(camel).fromRoute("information-request-queue-intake")
                .whenCompleted(1).create();

        JsonNode fromCaseSystem = sendAs("MASH", BrokerAddresses.INFORMATION_REQUESTS, request);

        assertThat(fromCaseSystem.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForObject("SELECT received_via FROM information_request WHERE reference = ?", String.class,
                fromCaseSystem.path("reference").asText())).isEqualTo("QUEUE");
        assertThatThrownBy(() -> sendAs("DERBYS", BrokerAddresses.INFORMATION_REQUESTS, request))
                .isInstanceOf(JMSSecurityException.class);
        assertThat(oneExchange.matches(10, TimeUnit.SECONDS))
                .as("the case system's request went through the information request queue intake route; "
                        + "the force's never reached it").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mashgateway.intake.HostileInputTest#hostileDocuments")
    void hostile_document_by_queue_is_quarantined_with_its_reason(String name, int status, String reasonCode,
            String xml) throws Exception {
        long quarantinedBefore = quarantinedWith(reasonCode);

        JsonNode report = sendAs("DERBYS", xml);

        assertThat(report.path("status").asText()).as(name).isEqualTo("REJECTED");
        assertThat(report.path("reasonCode").asText()).as(name).isEqualTo(reasonCode);
        assertThat(report.path("httpEquivalent").asInt()).as(name).isEqualTo(status);
        for (int attempt = 0; attempt < 50 && quarantinedWith(reasonCode) == quarantinedBefore; attempt++) {
            sleep();
        }
        assertThat(quarantinedWith(reasonCode)).as(name).isEqualTo(quarantinedBefore + 1);
    }

    private long quarantinedWith(String reasonCode) throws JMSException {
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

    /** Sends as a force's broker user, asking for a report, and returns the report from its reply queue. */
    private static JsonNode sendAs(String force, String xml) throws JMSException, IOException {
        return sendAs(force, BrokerAddresses.NOTIFICATIONS, xml);
    }

    private static JsonNode sendAs(String force, String queue, String xml) throws JMSException, IOException {
        return PartnerQueue.report(PORT, force, queue, session -> PartnerQueue.text(session, xml));
    }

    /** The quarantine's message for the refused document holding this text; its body must be empty. */
    private Message quarantinedCopyOf(String notificationId) throws Exception {
        QuarantineBrowser.Copy copy = QuarantineBrowser.copyHolding(gatewayConnections, store, notificationId);
        assertThat(copy.brokerBodyBytes()).as("no content in the broker's journal").isZero();
        return copy.message();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
