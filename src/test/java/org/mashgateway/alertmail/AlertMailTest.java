package org.mashgateway.alertmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.acknowledgement.Mailboxes;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alerts reach the MASH admins by mail: signed and encrypted to the admins' certificate (opened
 * with OpenSSL and the demo admin key), with nothing personal in them even when the refused
 * document was full of it; a burst of one code is one mail per window; a mail outage delays alert
 * mail and loses nothing.
 */
class AlertMailTest extends GatewayTest {

    private static final int SMTP_PORT = Mailboxes.freePort();
    private static volatile GreenMail smtp = Mailboxes.smtp(SMTP_PORT);
    private static final String ADMINS = "mash-admins@localhost";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Alerts alerts;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.alerts.mail-to", () -> ADMINS);
        registry.add("mash.alerts.certificate", () -> "file:certs-example/admin.crt");
        registry.add("mash.alerts.poll-interval", () -> "PT0.2S");
        registry.add("mash.alerts.coalesce-window", () -> "PT4S");
        // An alert mail that failed in an outage is tried again soon after (the kind's own back-off).
        registry.add("mash.delivery.retry.alert-mail.initial-backoff", () -> "PT0.5S");
        registry.add("mash.delivery.retry.alert-mail.max-backoff", () -> "PT1S");
    }

    @AfterAll
    static void mailServerDown() {
        smtp.stop();
    }

    @Test
    void a_security_alert_reaches_the_admins_encrypted_to_them_and_without_personal_data() throws Exception {
        Notifications secret = Notifications.notification().classification("SECRET")
                .victim("Quilla", "Brackenbury", "1990-01-17").address("7 Imaginary Row").victimPhone("07700 900456");
        assertThat(GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", secret.xml()).status())
                .isEqualTo(400);

        MimeMessage mail = Mailboxes.await(smtp, ADMINS,
                m -> Mailboxes.subject(m).equals("OFFICIAL-SENSITIVE: Alert CLASSIFICATION_NOT_PERMITTED"));

        assertThat(headers(mail)).doesNotContain("Brackenbury", "Quilla", secret.id());
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String opened = Mailboxes.openedBy("admin", mail, dir);
        assertThat(opened).startsWith("OFFICIAL-SENSITIVE").contains("SECURITY", "CLASSIFICATION_NOT_PERMITTED",
                "DERBYS", "<Alerts xmlns=\"urn:mash-gateway:alert-mail:1\">");
        assertThat(List.of("Quilla", "Brackenbury", "1990-01-17", "7 Imaginary Row", "07700 900456", "Amy", "Sample",
                secret.id())).allSatisfy(value -> assertThat(opened).doesNotContain(value));
    }

    @Test
    void a_burst_of_one_code_is_one_mail_per_window() throws Exception {
        alerts.raise(AlertKind.SYSTEM, "TEST_BURST", "first of a burst");
        Mailboxes.await(smtp, ADMINS, m -> Mailboxes.subject(m).endsWith("Alert TEST_BURST"));
        for (int i = 0; i < 5; i++) {
            alerts.raise(AlertKind.SYSTEM, "TEST_BURST", "burst " + i);
        }

        Thread.sleep(2_000);
        assertThat(mailsEndingWith("Alert TEST_BURST")).as("within the window").hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mailsEndingWith("Alert TEST_BURST").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000);

        assertThat(mailsEndingWith("Alert TEST_BURST")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert WHERE reason_code = 'TEST_BURST' AND mailed_at IS NULL", Integer.class) == 0);
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        assertThat(Mailboxes.openedBy("admin", mailsEndingWith("Alert TEST_BURST").get(1), dir))
                .contains("5 alerts of this code", "burst 0", "burst 4");
    }

    @Test
    void a_mail_cut_short_by_a_crash_goes_again_with_the_same_alerts_and_message_id() throws Exception {
        // As a crash leaves it: two alerts put in a mail (which may have gone) and not recorded as
        // mailed, its outbox entry claimed by the node that died, and a third alert of the same code
        // raised after that mail was made up.
        jdbc.update("INSERT INTO alert (alert_id, raised_at, kind, reason_code, context, mail_batch) VALUES "
                + "(900001, CURRENT_TIMESTAMP, 'SYSTEM', 'TEST_CUT_SHORT', 'first', 900001), "
                + "(900002, CURRENT_TIMESTAMP, 'SYSTEM', 'TEST_CUT_SHORT', 'second', 900001), "
                + "(900003, CURRENT_TIMESTAMP, 'SYSTEM', 'TEST_CUT_SHORT', 'third', NULL)");
        jdbc.update("INSERT INTO delivery (outbox_kind, output_reference, source_reference, recipient, kind, document_type, "
                + "channel, status, attempts, next_attempt_at, claimed_by, claimed_until, created_at, updated_at) VALUES "
                + "('ALERT_MAIL', 'ALERT-900001', '900001', 'ADMINS', 'ALERT', 'Alerts', 'EMAIL', 'PENDING', 0, "
                + "CURRENT_TIMESTAMP, 'a-node-that-died', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

        MimeMessage again = Mailboxes.await(smtp, ADMINS, m -> Mailboxes.subject(m).endsWith("Alert TEST_CUT_SHORT"));
        assertThat(again.getMessageID()).isEqualTo("<alert-900001-900002@mash-gateway>");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mailsEndingWith("Alert TEST_CUT_SHORT").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(mailsEndingWith("Alert TEST_CUT_SHORT")).extracting(MimeMessage::getMessageID)
                .containsExactly("<alert-900001-900002@mash-gateway>", "<alert-900003-900003@mash-gateway>");
    }

    @Test
    void alerts_raised_while_the_mail_server_is_down_are_mailed_when_it_is_back() throws Exception {
        smtp.stop();
        long started = System.nanoTime();
        alerts.raise(AlertKind.SYSTEM, "TEST_OUTAGE", "raised while mail is down");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("raising never waits for mail")
                .isLessThan(Duration.ofSeconds(5));
        Thread.sleep(1_500);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE reason_code = 'TEST_OUTAGE' AND mailed_at IS NULL",
                Integer.class)).isEqualTo(1);

        smtp = Mailboxes.smtp(SMTP_PORT);

        Mailboxes.await(smtp, ADMINS, m -> Mailboxes.subject(m).endsWith("Alert TEST_OUTAGE"));
        // The mail is recorded as mailed once the relay has taken it: just after it arrives here.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert WHERE reason_code = 'TEST_OUTAGE' AND mailed_at IS NULL", Integer.class) == 0);
    }

    private List<MimeMessage> mailsEndingWith(String suffix) {
        return Mailboxes.to(smtp, ADMINS).stream().filter(m -> Mailboxes.subject(m).endsWith(suffix)).toList();
    }

    private static String headers(MimeMessage mail) throws Exception {
        StringBuilder headers = new StringBuilder();
        for (String line : Collections.list(mail.getAllHeaderLines())) {
            headers.append(line).append('\n');
        }
        return headers.toString();
    }
}
