package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashgateway.delivery.DeliveryFixtures.agencyShare;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.delivery.DeliveryFixtures.Result;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Deliveries that cannot be made by mail fail at once with their reason, alert the admins and
 * leave the protected message on the dead-letter queue; a 4xx is tried again and the 2xx after it
 * sends; an agency on the QUEUE channel gets the protected bytes on its own queue with only the
 * allowed properties, after the broker comes back if it was down. Each attempt is one exchange of the route {@code delivery}, watched with
 * Camel's NotifyBuilder: an attempt that did not send fails its exchange.
 */
@Tag("database")
class DeliveryFaultsTest extends GatewayTest {

    private static final RejectingSmtpServer SMTP = startRejectingServer();
    private static final List<String> ALLOWED_PROPERTIES =
            List.of("MashClassification", "MashDocumentType", "MashKind", "MashReference");

    @Autowired
    Deliveries deliveries;

    @Autowired
    CamelContext camel;

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ConnectionFactory connectionFactory;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void faults(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.directory", () -> "classpath:delivery/directory.yaml");
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP.port()));
        registry.add("mash.delivery.initial-backoff", () -> "PT0.2S");
    }

    @AfterAll
    static void stopServer() throws IOException {
        SMTP.close();
    }

    @Test
    void a_550_from_the_mail_server_fails_the_delivery_at_once_alerts_and_parks_it_on_the_dead_letter_queue()
            throws Exception {
        RecipientShare share = agencyShare("CSC", Notifications.freshId("DERBYS"));
        NotifyBuilder oneFailed = new NotifyBuilder(camel).fromRoute(DeliveryRoute.ID).whenFailed(1).create();
        NotifyBuilder anyDone = new NotifyBuilder(camel).fromRoute(DeliveryRoute.ID).whenCompleted(1).create();

        DeliveryFixtures.schedule(transactions, deliveries, share);

        assertThat(oneFailed.matches(30, TimeUnit.SECONDS)).as("the attempt failed its exchange of the route").isTrue();
        DeliveryState failed = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("SMTP_REJECTED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(history(share)).containsExactly("FAILED SMTP_REJECTED");
        assertThat(anyDone.matches(1, TimeUnit.SECONDS)).as("no exchange of the route completed").isFalse();
        assertThat(decisionLog.byReference(share.reference())).extracting(DecisionRecord::decision)
                .containsExactly(DecisionKind.SHARED, DecisionKind.FAILED);
        assertThat(DeliveryFixtures.awaitDeliveryAlertsAbout(jdbc, share)).containsExactly("SMTP_REJECTED");
        Message parked = receive(BrokerAddresses.DEAD_LETTERS, share);
        assertThat(parked).isInstanceOf(BytesMessage.class);
        assertThat(propertyNames(parked)).containsExactlyElementsOf(ALLOWED_PROPERTIES);
        assertThat(parked.getStringProperty("MashKind")).isEqualTo("NOTIFICATION");
        assertThat(parked.getStringProperty("MashDocumentType")).isEqualTo("AgencyNotification");
        assertThat(parked.getStringProperty("MashClassification")).isEqualTo("OFFICIAL-SENSITIVE");
        assertThat(new String(bytesOf(parked), StandardCharsets.ISO_8859_1))
                .contains("application/pkcs7-mime").doesNotContain("Zebedee");
    }

    @Test
    void an_smtp_4xx_fails_one_exchange_of_the_delivery_route_and_the_2xx_after_it_completes_the_next() {
        SMTP.script("451 4.3.0 try again later", "250 2.1.5 OK");
        NotifyBuilder oneFailedThenOneDone = new NotifyBuilder(camel).fromRoute(DeliveryRoute.ID)
                .whenFailed(1).and().whenCompleted(1).create();
        RecipientShare share = agencyShare("CSC", Notifications.freshId("DERBYS"));

        DeliveryFixtures.schedule(transactions, deliveries, share);

        assertThat(oneFailedThenOneDone.matches(30, TimeUnit.SECONDS)).isTrue();
        DeliveryState sent = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(history(share)).containsExactly("ATTEMPT_FAILED SMTP_TEMPORARY_FAILURE", "SENT null");
        assertThat(SMTP.accepted()).isEqualTo(1);
    }

    @Test
    void an_agency_on_the_queue_channel_gets_the_protected_bytes_with_only_the_allowed_properties() throws Exception {
        RecipientShare share = agencyShare("HEALTH", Notifications.freshId("DERBYS"));

        DeliveryFixtures.schedule(transactions, deliveries, share);

        Message delivered = receive(BrokerAddresses.agencyQueue("HEALTH"), share);
        assertThat(propertyNames(delivered)).containsExactlyElementsOf(ALLOWED_PROPERTIES);
        byte[] mime = bytesOf(delivered);
        assertThat(new String(mime, StandardCharsets.ISO_8859_1)).contains("application/pkcs7-mime").doesNotContain("Zebedee");
        DeliveryState sent = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.messageId()).isNull();
        if (DeliveryFixtures.hasOpenSsl()) {
            Path in = Files.write(dir.resolve("queued.eml"), mime);
            Result decrypted = DeliveryFixtures.decrypt(in, "agency-HEALTH", dir.resolve("signed.eml"));
            assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
            Result verified = DeliveryFixtures.verify(dir.resolve("signed.eml"), dir.resolve("content.mime"));
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            assertThat(DeliveryFixtures.decrypt(in, "agency-CSC", dir.resolve("wrong.eml")).exitCode()).isNotZero();
        }
    }

    @Test
    void a_queue_delivery_while_the_broker_is_down_fails_its_exchange_and_goes_once_the_broker_is_back()
            throws Exception {
        RecipientShare share = agencyShare("HEALTH", Notifications.freshId("DERBYS"));
        NotifyBuilder failedThenDone = new NotifyBuilder(camel).fromRoute(DeliveryRoute.ID)
                .whenFailed(1).and().whenCompleted(1).create();
        broker.getActiveMQServer().stop();
        try {
            DeliveryFixtures.schedule(transactions, deliveries, share);
            await().atMost(Duration.ofSeconds(30)).until(() -> history(share).contains("ATTEMPT_FAILED BROKER_UNAVAILABLE"));
        } finally {
            broker.getActiveMQServer().start();
        }

        assertThat(failedThenDone.matches(60, TimeUnit.SECONDS)).isTrue();
        Message delivered = receive(BrokerAddresses.agencyQueue("HEALTH"), share);
        assertThat(propertyNames(delivered)).containsExactlyElementsOf(ALLOWED_PROPERTIES);
        DeliveryState sent = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(history(share)).startsWith("ATTEMPT_FAILED BROKER_UNAVAILABLE").endsWith("SENT null");
    }

    @Test
    void an_agency_without_a_certificate_fails_with_no_recipient_certificate_and_an_alert() {
        RecipientShare share = agencyShare("NOCERT", Notifications.freshId("DERBYS"));
        int rejectedBefore = SMTP.rejected();

        DeliveryFixtures.schedule(transactions, deliveries, share);

        DeliveryState failed = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("NO_RECIPIENT_CERTIFICATE");
        assertThat(DeliveryFixtures.awaitDeliveryAlertsAbout(jdbc, share)).containsExactly("NO_RECIPIENT_CERTIFICATE");
        assertThat(SMTP.rejected()).as("nothing was offered to the mail server").isEqualTo(rejectedBefore);
    }

    @Test
    void a_tls_only_school_is_never_mailed_over_the_demos_plain_smtp() {
        RecipientShare share = DeliveryFixtures.schoolShare("100003", Notifications.freshId("DERBYS"));
        int rejectedBefore = SMTP.rejected();

        DeliveryFixtures.schedule(transactions, deliveries, share);

        DeliveryState failed = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("TLS_NOT_AVAILABLE");
        assertThat(SMTP.rejected()).isEqualTo(rejectedBefore);
    }

    private Message receive(String queue, RecipientShare share) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(30_000);
        Message message = jms.receiveSelected(queue, "MashReference = '" + share.reference() + "'");
        assertThat(message).as("message for " + share.reference() + " on " + queue).isNotNull();
        return message;
    }

    /** The application properties of a message, without the JMS and broker-internal ones. */
    private static List<String> propertyNames(Message message) throws JMSException {
        List<String> names = new ArrayList<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            String property = name.toString();
            if (!property.startsWith("JMSX") && !property.startsWith("_AMQ")) {
                names.add(property);
            }
        }
        Collections.sort(names);
        return names;
    }

    private static byte[] bytesOf(Message message) throws JMSException {
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return body;
    }

    private static RejectingSmtpServer startRejectingServer() {
        try {
            return new RejectingSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The delivery's history as the console shows it: event and reason code. */
    private List<String> history(RecipientShare share) {
        return jdbc.query("SELECT e.event, e.reason_code FROM delivery_event e JOIN delivery d ON d.delivery_id = e.delivery_id "
                + "WHERE d.output_reference = ? ORDER BY e.event_id", (rs, row) -> rs.getString(1) + " " + rs.getString(2),
                share.reference());
    }
}
