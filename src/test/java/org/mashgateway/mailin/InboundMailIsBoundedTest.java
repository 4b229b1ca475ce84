package org.mashgateway.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.delivery.DeliveryStatus;
import org.mashgateway.support.Acknowledgements;
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
 * Hostile mail cannot take the gateway mailbox down nor fill the alert store: a 100 MB mail is
 * refused unread (MAIL_TOO_LARGE), 1,000 unsigned mails leave a decision record each but only a
 * handful of alerts and a bounded number of kept copies, and CSC's signed acknowledgement mailed
 * after them is still processed.
 *
 * <p>GreenMail answers each IMAP command about 44 ms late on loopback (Nagle against delayed ACK
 * on its side; TCP_NODELAY on the client does not change it), as a distant server would: when each
 * mail cost three commands (count the attempt, fetch, mark seen) the 1,000 mails took three minutes
 * and held up the reply behind them; in batches of {@link GatewayMailbox#BATCH} they take seconds.
 */
class InboundMailIsBoundedTest extends GatewayTest {

    private static final String CSC_ADDRESS = "csc-mash@derby.example";
    private static final int SMTP_PORT = freePort();
    private static final int IMAP_PORT = freePort();
    private static final GreenMail MAIL = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    private static final GreenMailUser GATEWAY_MAILBOX;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final long HUNDRED_MB = 100L * 1024 * 1024;
    private static final int KEPT_COPIES = 15;

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
        registry.add("mash.mail.imap.kept-copies-per-interval", () -> String.valueOf(KEPT_COPIES));
    }

    @AfterAll
    static void mailServerDown() {
        MAIL.stop();
    }

    @Test
    void a_100_mb_mail_is_refused_unread_and_the_signed_reply_after_it_is_processed() throws Exception {
        String delivered = mailedToCsc();
        long refusedBefore = quarantinedDecisions("MAIL_TOO_LARGE");

        GATEWAY_MAILBOX.deliver(hundredMegabyteMail());
        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-CSC", CSC_ADDRESS, acknowledgement(delivered),
                Build.SIGNED_AND_ENCRYPTED));

        await().atMost(PATIENCE).until(() -> status(delivered) == DeliveryStatus.ACKNOWLEDGED);
        await().atMost(PATIENCE).until(() -> quarantinedDecisions("MAIL_TOO_LARGE") == refusedBefore + 1);
        // Set aside on the server for a person to look at, and never fetched again: its flags are
        // written when its batch ends, just after the decisions of the batch's mails.
        await().atMost(PATIENCE).until(() -> {
            MimeMessage huge = Arrays.stream(MAIL.getReceivedMessages())
                    .filter(mail -> hasSubject(mail, "Oversized"))
                    .findFirst()
                    .orElseThrow();
            return huge.isSet(Flags.Flag.SEEN) && huge.isSet(Flags.Flag.FLAGGED);
        });
        assertThat(quarantinedCopies("MAIL_TOO_LARGE")).isZero();
        assertThat(securityAlerts("MAIL_TOO_LARGE")).isEqualTo(1);
    }

    @Test
    void a_thousand_unsigned_mails_raise_a_handful_of_alerts_and_the_signed_reply_after_them_is_processed()
            throws Exception {
        String delivered = mailedToCsc();
        long decisionsBefore = quarantinedDecisions("NOT_ENCRYPTED");
        long alertsBefore = alertRows();

        for (int i = 0; i < 1000; i++) {
            GATEWAY_MAILBOX.deliver(AgencyMail.plain("someone" + i + "@hostile.example", "<Junk>" + i + "</Junk>"));
        }
        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-CSC", CSC_ADDRESS, acknowledgement(delivered),
                Build.SIGNED_AND_ENCRYPTED));

        await().atMost(PATIENCE).until(() -> status(delivered) == DeliveryStatus.ACKNOWLEDGED);
        await().atMost(PATIENCE).until(() -> quarantinedDecisions("NOT_ENCRYPTED") == decisionsBefore + 1000);
        assertThat(alertRows() - alertsBefore).isLessThanOrEqualTo(3);
        assertThat(quarantinedCopies("NOT_ENCRYPTED")).isLessThanOrEqualTo(KEPT_COPIES);
    }

    /** A mail of 100 MB of text, generated as it is written: the test never holds it as one array. */
    private static MimeMessage hundredMegabyteMail() throws Exception {
        MimeMessage mail = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
        mail.setFrom("someone@hostile.example");
        mail.setRecipients(MimeMessage.RecipientType.TO, AgencyMail.GATEWAY_MAILBOX);
        mail.setSubject("Oversized");
        mail.setDataHandler(new DataHandler(new GeneratedText(HUNDRED_MB)));
        mail.setHeader("Content-Transfer-Encoding", "7bit");
        mail.saveChanges();
        return mail;
    }

    /** {@code size} bytes of 76-character ASCII lines, produced on demand. */
    private record GeneratedText(long size) implements DataSource {

        @Override
        public InputStream getInputStream() {
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    if (position >= size) {
                        return -1;
                    }
                    long column = position++ % 78;
                    return column == 76 ? '\r' : column == 77 ? '\n' : 'x';
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    if (position >= size) {
                        return -1;
                    }
                    int n = (int) Math.min(length, size - position);
                    for (int i = 0; i < n; i++) {
                        buffer[offset + i] = (byte) read();
                    }
                    return n;
                }
            };
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getContentType() {
            return "text/plain; charset=us-ascii";
        }

        @Override
        public String getName() {
            return "generated";
        }
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
        return delivered;
    }

    private DeliveryStatus status(String outputReference) {
        return deliveries.byOutputReference(outputReference).orElseThrow().status();
    }

    private static boolean hasSubject(MimeMessage mail, String subject) {
        try {
            return subject.equals(mail.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    /** Refusals recorded with this reason; the records of the copies kept aside (QuarantineCopy) are not refusals. */
    private long quarantinedDecisions(String reasonCode) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE decision = 'QUARANTINED' "
                + "AND reason_code = ? AND COALESCE(document_type, '') <> 'QuarantineCopy'", Long.class, reasonCode);
    }

    private long securityAlerts(String reasonCode) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY' AND reason_code = ?", Long.class,
                reasonCode);
    }

    private long alertRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert", Long.class);
    }

    private long quarantinedCopies(String reasonCode) throws JMSException {
        try (Connection connection = gatewayConnections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return Collections.list(session.createBrowser(session.createQueue(BrokerAddresses.QUARANTINE),
                    "MashReasonCode = '" + reasonCode + "'").getEnumeration()).size();
        }
    }

    private static String acknowledgement(String reference) {
        return Acknowledgements.of(reference, "CSC");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
