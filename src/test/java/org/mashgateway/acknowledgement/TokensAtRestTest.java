package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.delivery.DeliveryAdministration;
import org.mashgateway.delivery.DeliveryBody;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acknowledgement tokens are never at rest: an auditor who reads a school notification's content
 * (the console's content view, or the stored body itself) finds no token that {@code /ack}
 * accepts, while the school's real mail, opened with the school's key, holds a link that works
 * once; the same delivery sent again after a crash carries the same working link, and after an
 * admin's retry of a FAILED delivery a new one (the failed mail's link, of which the dead-letter
 * queue may keep a copy, no longer works).
 */
class TokensAtRestTest extends SharedGatewayTest {

    private static final String SCHOOL = "safeguarding@example-primary.example";
    private static final Pattern LINK = Pattern.compile("/ack/([A-Za-z0-9_-]{22})");
    /** Runs of the characters a token is made of; every 22-character window of one is a candidate. */
    private static final Pattern TOKEN_CHARACTERS = Pattern.compile("[A-Za-z0-9_-]{22,}");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageStore store;

    @Autowired
    DeliveryAdministration administration;

    @Autowired
    PlatformTransactionManager transactions;

    @TempDir
    Path dir;

    @Test
    void an_auditor_reading_a_school_notification_finds_no_token_the_ack_page_accepts() throws Exception {
        String school = schoolDeliveryOf(accepted());
        awaitStatus(school, "SENT");
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit/content?reference=" + school);

        HttpResponse<String> shown = auditor.post("/admin/audit/content", Map.of("reference", school,
                "reasonCode", "INCIDENT_INVESTIGATION", "reason", "INC-0815 check of what the school was sent"));
        String stored = DeliveryBody.unpack(store.get(school).orElseThrow()).text();

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("&lt;SchoolNotification");
        People attacker = new People(port);
        Set<String> candidates = tokenShaped(shown.body() + "\n" + stored);
        assertThat(candidates).as("the page has token-shaped strings to try (CSRF token, references)").isNotEmpty();
        for (String candidate : candidates) {
            assertThat(attacker.get("/ack/" + candidate).statusCode()).as("/ack/" + candidate).isEqualTo(404);
        }
        assertThat(status(school)).isEqualTo("SENT");
        assertThat(shown.body()).contains(LinkIssuer.NOT_AT_REST);
        assertThat(stored).contains(LinkIssuer.NOT_AT_REST).doesNotContain("/ack/");

        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String token = tokenInMailOf(school, 0);
        People dsl = new People(port);
        String page = dsl.get("/ack/" + token).body();
        assertThat(dsl.post("/ack/" + token, page).statusCode()).isEqualTo(200);
        assertThat(dsl.post("/ack/" + token, page).statusCode()).as("used again").isEqualTo(410);
        assertThat(status(school)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void a_delivery_sent_again_after_a_crash_or_an_admins_retry_carries_a_working_link() throws Exception {
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String school = schoolDeliveryOf(accepted());
        awaitStatus(school, "SENT");
        String first = tokenInMailOf(school, 0);

        // A crash between sending and recording: the delivery is PENDING again and goes a second time.
        jdbc.update("UPDATE delivery SET status = 'PENDING', sent_at = NULL, next_attempt_at = CURRENT_TIMESTAMP, "
                + "claimed_by = NULL, claimed_until = NULL WHERE output_reference = ?", school);
        awaitStatus(school, "SENT");
        String resent = tokenInMailOf(school, 1);

        // The relay bounced it later: FAILED, and an admin puts it back in the outbox.
        jdbc.update("UPDATE delivery SET status = 'FAILED', reason_code = 'SMTP_REJECTED' WHERE output_reference = ?",
                school);
        new TransactionTemplate(transactions).executeWithoutResult(
                status -> assertThat(administration.retry(school, "admin")).isPresent());
        awaitStatus(school, "SENT");
        String retried = tokenInMailOf(school, 2);

        assertThat(resent).as("a resend carries the same link").isEqualTo(first);
        People dsl = new People(port);
        assertThat(retried).as("a retry gets a new link").isNotEqualTo(first);
        assertThat(dsl.get("/ack/" + first).statusCode()).as("the failed mail's link (the dead-letter queue keeps a copy)")
                .isEqualTo(404);
        assertThat(dsl.get("/ack/" + retried).statusCode()).isEqualTo(200);
        String page = dsl.get("/ack/" + retried).body();
        assertThat(dsl.post("/ack/" + retried, page).statusCode()).isEqualTo(200);
        assertThat(status(school)).isEqualTo("ACKNOWLEDGED");
    }

    /** Every 22-character window of every run of token characters in {@code seen}. */
    private static Set<String> tokenShaped(String seen) {
        Set<String> candidates = new LinkedHashSet<>();
        Matcher run = TOKEN_CHARACTERS.matcher(seen);
        while (run.find()) {
            for (int start = run.start(); start + 22 <= run.end(); start++) {
                candidates.add(seen.substring(start, start + 22));
            }
        }
        return candidates;
    }

    /** The token in the {@code index}-th mail the school received for this delivery, opened with its key. */
    private String tokenInMailOf(String outputReference, int index) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<MimeMessage> mails = List.of();
        while (System.nanoTime() < deadline) {
            mails = Mailboxes.to(SMTP, SCHOOL).stream()
                    .filter(mail -> Mailboxes.subject(mail).endsWith(outputReference)).toList();
            if (mails.size() > index) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(mails).as("mails for " + outputReference).hasSizeGreaterThan(index);
        String opened = Mailboxes.openedBy("school-100001", mails.get(index), dir);
        Matcher link = LINK.matcher(opened);
        assertThat(link.find()).as("the mail holds an acknowledgement link").isTrue();
        assertThat(opened).doesNotContain(LinkIssuer.NOT_AT_REST);
        return link.group(1);
    }

    private String accepted() {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications",
                Notifications.notification().noChildren()
                        .victim("Quilla", "Brackenbury", "1990-01-17").perpetrator("Orrin", "Brackenbury")
                        .child("Perpetua", "Brackenbury", "2016-06-09", "100001").xml());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().path("reference").asText();
    }

    private String schoolDeliveryOf(String notificationReference) {
        return jdbc.queryForObject("SELECT output_reference FROM delivery WHERE notification_reference = ? "
                + "AND recipient = '100001'", String.class, notificationReference);
    }

    private String status(String outputReference) {
        return jdbc.queryForObject("SELECT status FROM delivery WHERE output_reference = ?", String.class, outputReference);
    }

    private void awaitStatus(String outputReference, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !expected.equals(status(outputReference))) {
            Thread.sleep(100);
        }
        assertThat(status(outputReference)).isEqualTo(expected);
    }
}
