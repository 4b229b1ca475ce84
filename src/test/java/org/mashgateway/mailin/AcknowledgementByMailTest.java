package org.mashgateway.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.delivery.DeliveryStatus;
import org.mashgateway.directory.Channel;
import org.mashgateway.support.AgencyMail;
import org.mashgateway.support.AgencyMail.Build;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An agency acknowledging by signed mail: CSC's Acknowledgement of the notification it was mailed,
 * signed with its key and encrypted to the gateway, put into the gateway's IMAP mailbox, makes that
 * delivery ACKNOWLEDGED with a decision record; the same Acknowledgement signed by another agency
 * is quarantined with a SECURITY alert and acknowledges nothing.
 */
class AcknowledgementByMailTest extends GatewayTest {

    private static final String CSC_ADDRESS = "csc-mash@derby.example";
    private static final int SMTP_PORT = freePort();
    private static final int IMAP_PORT = freePort();
    private static final GreenMail MAIL = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    private static final GreenMailUser GATEWAY_MAILBOX;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static {
        MAIL.start();
        GATEWAY_MAILBOX = MAIL.setUser(AgencyMail.GATEWAY_MAILBOX, AgencyMail.GATEWAY_MAILBOX, "demo");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Deliveries deliveries;

    @Autowired
    ConnectionFactory gatewayConnections;

    @DynamicPropertySource
    static void mailServers(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.imap.enabled", () -> "true");
        registry.add("mash.mail.imap.port", () -> String.valueOf(IMAP_PORT));
        registry.add("mash.mail.imap.poll-interval", () -> "PT0.3S");
    }

    @AfterAll
    static void mailServerDown() {
        MAIL.stop();
    }

    @Test
    void cscs_signed_mail_acknowledgement_of_the_notification_it_was_mailed_acknowledges_that_delivery()
            throws Exception {
        String delivered = mailedToCsc();

        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-CSC", CSC_ADDRESS, acknowledgement(delivered, "CSC"),
                Build.SIGNED_AND_ENCRYPTED));

        await().atMost(PATIENCE).until(() -> status(delivered) == DeliveryStatus.ACKNOWLEDGED);
        assertThat(jdbc.queryForObject("SELECT acknowledged_via FROM delivery WHERE output_reference = ?",
                String.class, delivered)).isEqualTo("MAIL");
        assertThat(jdbc.queryForList("SELECT reason_code FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'ACKNOWLEDGED' AND sender = 'CSC'", String.class, delivered))
                .containsExactly("ACKNOWLEDGED_BY_MAIL");
    }

    @Test
    void the_same_acknowledgement_signed_by_another_agency_is_quarantined_with_a_security_alert() throws Exception {
        String delivered = mailedToCsc();
        long quarantinedBefore = quarantined("FORGED_ACKNOWLEDGER");
        long alertsBefore = securityAlerts("FORGED_ACKNOWLEDGER");

        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-HEALTH", CSC_ADDRESS, acknowledgement(delivered, "CSC"),
                Build.SIGNED_AND_ENCRYPTED));

        await().atMost(PATIENCE).until(() -> quarantined("FORGED_ACKNOWLEDGER") == quarantinedBefore + 1);
        assertThat(securityAlerts("FORGED_ACKNOWLEDGER")).isEqualTo(alertsBefore + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE decision = 'QUARANTINED' "
                + "AND reason_code = 'FORGED_ACKNOWLEDGER' AND sender = 'HEALTH'", Long.class)).isPositive();
        assertThat(status(delivered)).isEqualTo(DeliveryStatus.SENT);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'ACKNOWLEDGED'", Long.class, delivered)).isZero();
    }

    /** Posts a notification as a force and returns the output reference of its delivery to CSC, once mailed. */
    private String mailedToCsc() {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications",
                Notifications.notification().xml());
        assertThat(answer.status()).isEqualTo(202);
        String delivered = deliveries.ofNotification(answer.json().path("reference").asText()).stream()
                .filter(delivery -> "CSC".equals(delivery.recipient()))
                .map(DeliveryState::outputReference)
                .findFirst()
                .orElseThrow();
        await().atMost(PATIENCE).until(() -> status(delivered) == DeliveryStatus.SENT);
        assertThat(deliveries.byOutputReference(delivered).orElseThrow().channel()).isEqualTo(Channel.EMAIL);
        await().atMost(PATIENCE).until(() -> mailTo(CSC_ADDRESS, delivered));
        return delivered;
    }

    private DeliveryStatus status(String outputReference) {
        return deliveries.byOutputReference(outputReference).orElseThrow().status();
    }

    private static boolean mailTo(String address, String reference) throws Exception {
        for (MimeMessage mail : MAIL.getReceivedMessagesForDomain("derby.example")) {
            if (mail.getAllRecipients()[0].toString().equals(address) && mail.getSubject().endsWith(reference)) {
                return true;
            }
        }
        return false;
    }

    private long securityAlerts(String reasonCode) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY' AND reason_code = ?", Long.class,
                reasonCode);
    }

    private long quarantined(String reasonCode) throws JMSException {
        try (Connection connection = gatewayConnections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return Collections.list(session.createBrowser(session.createQueue(BrokerAddresses.QUARANTINE),
                    "MashReasonCode = '" + reasonCode + "'").getEnumeration()).size();
        }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
