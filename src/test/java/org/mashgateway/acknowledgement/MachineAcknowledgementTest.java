package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.QuarantineBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Agencies acknowledging by machine: an Acknowledgement over mutual TLS with the agency's own
 * certificate, or on {@code mash.in.acknowledgements} as its own broker user, makes its delivery
 * ACKNOWLEDGED (once); an agency cannot acknowledge another's delivery, nor learn that it exists,
 * nor acknowledge in another agency's name.
 */
class MachineAcknowledgementTest extends GatewayTest {

    private static final int SMTP_PORT = Mailboxes.freePort();
    private static final GreenMail SMTP = Mailboxes.smtp(SMTP_PORT);
    private static final int BROKER_PORT = Mailboxes.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTPS_INTAKE_ROUTE = "acknowledgement-https-intake";
    private static final String QUEUE_INTAKE_ROUTE = "acknowledgement-queue-intake";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory gatewayConnections;

    @Autowired
    MessageStore store;

    @Autowired
    CamelContext camel;



    @DynamicPropertySource
    static void mailAndBroker(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        partnerListener(registry, BROKER_PORT);
    }

    @AfterAll
    static void mailServerDown() {
        SMTP.stop();
    }

    @Test
    void an_agency_acknowledges_its_delivery_over_https_once() throws Exception {
        String csc = deliveryTo(accepted(), "CSC");
        awaitStatus(csc, "SENT");

        Answer first = post("agency-CSC", acknowledgement(csc, "CSC"));
        Answer again = post("agency-CSC", acknowledgement(csc, "CSC"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(first.json().path("reference").asText()).isEqualTo(csc);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("ALREADY_ACCEPTED");
        assertThat(statusOf(csc)).isEqualTo("ACKNOWLEDGED");
        assertThat(jdbc.queryForObject("SELECT acknowledged_via FROM delivery WHERE output_reference = ?", String.class,
                csc)).isEqualTo("HTTPS");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'ACKNOWLEDGED' AND sender = 'CSC'", Integer.class, csc)).isEqualTo(1);
        assertThat(jdbc.query("SELECT e.event, e.status, e.reason_code, e.actor FROM delivery_event e "
                + "JOIN delivery d ON d.delivery_id = e.delivery_id WHERE d.output_reference = ? ORDER BY e.event_id",
                (rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4), csc))
                .as("the delivery's history, as the console shows it")
                .containsExactly("SENT SENT null null", "ACKNOWLEDGED ACKNOWLEDGED ACKNOWLEDGED_BY_HTTPS CSC");
    }

    @Test
    void each_acknowledgement_post_is_an_exchange_of_its_https_intake_route_and_a_paused_route_takes_none()
            throws Exception {
        String csc = deliveryTo(accepted(), "CSC");
        awaitStatus(csc, "SENT");
        NotifyBuilder refusedThenAccepted = new NotifyBuilder(camel).fromRoute(HTTPS_INTAKE_ROUTE)
                .whenExactlyCompleted(2).create();

        assertThat(post("agency-HEALTH", acknowledgement(csc, "HEALTH")).status()).isEqualTo(404);
        try (PausedRoute pause = pauseRoute(HTTPS_INTAKE_ROUTE)) {
            Answer paused = post("agency-CSC", acknowledgement(csc, "CSC"));

            assertThat(paused.status()).isEqualTo(503);
            assertThat(paused.reasonCode()).isEqualTo("INTAKE_PAUSED");
            assertThat(paused.retryAfter()).isNotBlank();
            assertThat(statusOf(csc)).isEqualTo("SENT");
        }
        assertThat(post("agency-CSC", acknowledgement(csc, "CSC")).status()).isEqualTo(202);

        assertThat(refusedThenAccepted.matches(10, TimeUnit.SECONDS))
                .as("the refusal and the acceptance went through the route, the paused POST did not").isTrue();
        assertThat(statusOf(csc)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void another_agency_cannot_acknowledge_a_delivery_nor_tell_it_from_an_unknown_reference() {
        String csc = deliveryTo(accepted(), "CSC");
        long securityAlertsBefore = securityAlerts("ACKNOWLEDGEMENT_OF_ANOTHER_RECIPIENT");

        Answer byHealth = post("agency-HEALTH", acknowledgement(csc, "HEALTH"));
        Answer unknown = post("agency-HEALTH", acknowledgement("MGW-0000000000000000000000000Z", "HEALTH"));
        Answer inCscsName = post("agency-HEALTH", acknowledgement(csc, "CSC"));

        assertThat(byHealth.status()).isEqualTo(404);
        assertThat(byHealth.reasonCode()).isEqualTo("REFERENCE_NOT_FOUND");
        assertThat(byHealth.body()).isEqualTo(unknown.body());
        assertThat(inCscsName.status()).isEqualTo(403);
        assertThat(inCscsName.reasonCode()).isEqualTo("FORGED_ACKNOWLEDGER");
        assertThat(statusOf(csc)).isNotEqualTo("ACKNOWLEDGED");
        assertThat(securityAlerts("ACKNOWLEDGEMENT_OF_ANOTHER_RECIPIENT")).isEqualTo(securityAlertsBefore + 1);
        assertThat(securityAlerts("FORGED_ACKNOWLEDGER")).isPositive();
    }

    @Test
    void a_force_may_not_post_acknowledgements() {
        String csc = deliveryTo(accepted(), "CSC");

        Answer byForce = post("police-DERBYS", acknowledgement(csc, "CSC"));

        assertThat(byForce.status()).isEqualTo(403);
        assertThat(statusOf(csc)).isNotEqualTo("ACKNOWLEDGED");
    }

    @Test
    void an_agency_acknowledges_by_queue_and_another_agencys_acknowledgement_is_quarantined() throws Exception {
        String notification = accepted();
        String health = deliveryTo(notification, "HEALTH");
        String ews = deliveryTo(notification, "EWS");
        NotifyBuilder acceptedAndQuarantined = new NotifyBuilder(camel).fromRoute(QUEUE_INTAKE_ROUTE)
                .whenExactlyCompleted(2).and().whenExactlyFailed(0).create();

        JsonNode report = reportFor("HEALTH", acknowledgement(health, "HEALTH"));
        sendAs("HEALTH", acknowledgement(ews, "HEALTH"));

        assertThat(report.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(report.path("reference").asText()).isEqualTo(health);
        assertThat(statusOf(health)).isEqualTo("ACKNOWLEDGED");
        assertThat(jdbc.queryForObject("SELECT acknowledged_via FROM delivery WHERE output_reference = ?", String.class,
                health)).isEqualTo("QUEUE");
        Message quarantined = quarantinedCopyOf(ews);
        assertThat(quarantined.getStringProperty("MashReasonCode")).isEqualTo("REFERENCE_NOT_FOUND");
        assertThat(statusOf(ews)).isNotEqualTo("ACKNOWLEDGED");
        assertThat(acceptedAndQuarantined.matches(10, TimeUnit.SECONDS))
                .as("both messages completed the queue intake route; the refused one did not fail back to the broker")
                .isTrue();
    }

    private String accepted() {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications",
                Notifications.notification().xml());
        assertThat(answer.status()).isEqualTo(202);
        return answer.json().path("reference").asText();
    }

    private String deliveryTo(String notificationReference, String recipient) {
        return jdbc.queryForObject("SELECT output_reference FROM delivery WHERE notification_reference = ? AND recipient = ?",
                String.class, notificationReference, recipient);
    }

    private String statusOf(String outputReference) {
        return jdbc.queryForObject("SELECT status FROM delivery WHERE output_reference = ?", String.class, outputReference);
    }

    private void awaitStatus(String outputReference, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!status.equals(statusOf(outputReference)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(statusOf(outputReference)).isEqualTo(status);
    }

    private long securityAlerts(String reasonCode) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY' AND reason_code = ?", Long.class,
                reasonCode);
    }

    private Answer post(String identity, String xml) {
        return GatewayClient.as(identity, port).postXml("/api/v1/acknowledgements", xml);
    }

    private static String acknowledgement(String reference, String by) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Acknowledgement xmlns="urn:mash-gateway:acknowledgement:1" version="1.0">
                  <Reference>%s</Reference>
                  <AcknowledgedBy>%s</AcknowledgedBy>
                  <AcknowledgedAt>2026-11-22T07:45:00Z</AcknowledgedAt>
                </Acknowledgement>
                """.formatted(reference, by);
    }

    private static void sendAs(String agency, String xml) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
        try (Connection connection = factory.createConnection(agency, "demo")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.ACKNOWLEDGEMENTS));
            producer.send(session.createTextMessage(xml));
        } finally {
            factory.close();
        }
    }

    /** Sends as the agency's broker user with a JMSReplyTo, and returns the report from its own reply queue. */
    private static JsonNode reportFor(String agency, String xml) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
        try (Connection connection = factory.createConnection(agency, "demo")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createQueue(BrokerAddresses.replyQueue(agency));
            TextMessage message = session.createTextMessage(xml);
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue(BrokerAddresses.ACKNOWLEDGEMENTS)).send(message);
            TextMessage reply = (TextMessage) session.createConsumer(replies,
                    "JMSCorrelationID = '" + message.getJMSMessageID() + "'").receive(30_000);
            assertThat(reply).as("the gateway's report").isNotNull();
            return JSON.readTree(reply.getText());
        } finally {
            factory.close();
        }
    }

    /** The quarantine's message for the refused document holding this text; its body must be empty. */
    private Message quarantinedCopyOf(String reference) throws Exception {
        QuarantineBrowser.Copy copy = QuarantineBrowser.copyHolding(gatewayConnections, store, reference);
        assertThat(copy.brokerBodyBytes()).as("no content in the broker's journal").isZero();
        return copy.message();
    }
}
