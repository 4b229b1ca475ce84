package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.MovableClock;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The acknowledgement link end to end: a force posts a notification over mutual TLS; the school's
 * encrypted mail (opened with OpenSSL and the school's key) holds a single-use link; a person opens
 * it without any certificate, sees only the reference and a button, and pressing it (with the
 * page's CSRF token) makes the delivery ACKNOWLEDGED in the force's status API. Nothing works twice,
 * after expiry, or for a token the gateway never issued.
 */
@Import(MovableClock.Replacement.class)
class AcknowledgementLinkTest extends GatewayTest {

    private static final int SMTP_PORT = Mailboxes.freePort();
    private static final GreenMail SMTP = Mailboxes.smtp(SMTP_PORT);
    private static final String SCHOOL = "safeguarding@example-primary.example";
    private static final Pattern LINK = Pattern.compile("https://localhost:8443/ack/([A-Za-z0-9_-]{22})");
    private static final String SCHOOL_HANDLING = "for the purposes of \"SDAT\" only";

    /** Every personal value of the fixture: none may appear on the pages. */
    private static final List<String> PERSONAL = List.of("Perpetua", "Quilla", "Orrin", "Brackenbury", "2016-06-09",
            "9 June 2016", "1990-01-17", "7 Imaginary Row", "07700 900456");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
    }

    @AfterAll
    static void mailServerDown() {
        SMTP.stop();
    }

    @AfterEach
    void clockBackToNow() {
        clock.set(Instant.now());
    }

    @Test
    void the_school_mail_holds_a_link_that_acknowledges_the_delivery_once_and_shows_no_personal_data()
            throws Exception {
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        Notifications notification = notification("HIGH");
        String reference = outputReference(accepted(notification), "100001");
        MimeMessage mail = Mailboxes.await(SMTP, SCHOOL, m -> Mailboxes.subject(m).endsWith(reference));
        String opened = Mailboxes.openedBy("school-100001", mail, dir);
        String token = tokenIn(opened);
        assertThat(opened.indexOf(token)).as("the link comes before the handling instruction, which stays last")
                .isLessThan(opened.lastIndexOf(SCHOOL_HANDLING));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM acknowledgement_link WHERE token_hash = ?", Integer.class,
                token)).as("the token itself is never stored").isZero();

        People person = new People(port);
        HttpResponse<String> page = person.get("/ack/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(reference).contains("<button");
        assertThat(PERSONAL).allSatisfy(value -> assertThat(page.body()).doesNotContain(value));
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy").orElse("")).isEqualTo("no-referrer");

        assertThat(person.post("/ack/" + token, null).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(schoolStatus(notification)).isNotEqualTo("ACKNOWLEDGED");

        HttpResponse<String> thanks = person.post("/ack/" + token, page.body());
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Thank you").contains(reference);
        assertThat(PERSONAL).allSatisfy(value -> assertThat(thanks.body()).doesNotContain(value));
        assertThat(schoolStatus(notification)).isEqualTo("ACKNOWLEDGED");
        assertThat(jdbc.queryForObject("SELECT reason_code FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'ACKNOWLEDGED'", String.class, reference)).isEqualTo("ACKNOWLEDGED_BY_LINK");

        assertThat(person.post("/ack/" + token, page.body()).statusCode()).as("used again").isEqualTo(410);
        assertThat(person.get("/ack/" + token).statusCode()).isEqualTo(410);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'ACKNOWLEDGED'", Integer.class, reference)).isEqualTo(1);
    }

    @Test
    void a_link_past_seven_days_after_a_deadline_still_ahead_no_longer_acknowledges() throws Exception {
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        // Incident now: its school DueBy (08:00 on the next school day) is then ahead at any hour.
        Notifications notification = notification("HIGH").incidentAt(Notifications.ago(Duration.ZERO))
                .createdAt(Notifications.ago(Duration.ZERO));
        String reference = outputReference(accepted(notification), "100001");
        MimeMessage mail = Mailboxes.await(SMTP, SCHOOL, m -> Mailboxes.subject(m).endsWith(reference));
        String token = tokenIn(Mailboxes.openedBy("school-100001", mail, dir));
        People person = new People(port);
        String page = person.get("/ack/" + token).body();
        Instant dueBy = jdbc.queryForObject("SELECT due_by FROM delivery WHERE output_reference = ?",
                OffsetDateTime.class, reference).toInstant();

        clock.set(dueBy.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(person.get("/ack/" + token).statusCode()).as("still valid").isEqualTo(200);
        clock.set(dueBy.plus(Duration.ofDays(7)));
        HttpResponse<String> expired = person.get("/ack/" + token);

        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("expired").doesNotContain(reference);
        assertThat(person.post("/ack/" + token, page).statusCode()).isEqualTo(410);
        assertThat(schoolStatus(notification)).isNotEqualTo("ACKNOWLEDGED");
    }

    @Test
    void a_late_notification_whose_deadline_has_passed_still_carries_a_link_that_works_for_seven_days_from_sending()
            throws Exception {
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        Notifications late = notification("HIGH").incidentAt(Notifications.ago(Duration.ofDays(30)))
                .createdAt(Notifications.ago(Duration.ofDays(29)));
        String reference = outputReference(accepted(late), "100001");
        MimeMessage mail = Mailboxes.await(SMTP, SCHOOL, m -> Mailboxes.subject(m).endsWith(reference));
        String token = tokenIn(Mailboxes.openedBy("school-100001", mail, dir));
        People person = new People(port);
        Instant dueBy = jdbc.queryForObject("SELECT due_by FROM delivery WHERE output_reference = ?",
                OffsetDateTime.class, reference).toInstant();
        Instant sentAt = jdbc.queryForObject("SELECT sent_at FROM delivery WHERE output_reference = ?",
                OffsetDateTime.class, reference).toInstant();
        assertThat(dueBy).as("the deadline passed before it arrived").isBefore(Instant.now().minus(Duration.ofDays(7)));

        assertThat(person.get("/ack/" + token).statusCode()).as("on arrival").isEqualTo(200);
        clock.set(sentAt.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(person.get("/ack/" + token).statusCode()).as("a week after sending, less a second").isEqualTo(200);
        clock.set(sentAt.plus(Duration.ofDays(7)));
        assertThat(person.get("/ack/" + token).statusCode()).as("a week after sending").isEqualTo(410);
    }

    @Test
    void a_token_the_gateway_never_issued_gets_a_plain_not_found_page() {
        People person = new People(port);

        HttpResponse<String> unknown = person.get("/ack/AAAAAAAAAAAAAAAAAAAAAA");
        HttpResponse<String> malformed = person.get("/ack/not-a-token");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("not valid").doesNotContain("MGW-");
        assertThat(malformed.statusCode()).isEqualTo(404);
    }

    @Test
    void a_high_risk_agency_notification_carries_a_link_and_a_medium_one_does_not() throws Exception {
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String high = accepted(notification("HIGH"));
        String medium = accepted(notification("MEDIUM"));

        String highMail = Mailboxes.openedBy("agency-CSC", Mailboxes.await(SMTP, "csc-mash@derby.example",
                m -> Mailboxes.subject(m).endsWith(outputReference(high, "CSC"))), dir);
        String mediumMail = Mailboxes.openedBy("agency-CSC", Mailboxes.await(SMTP, "csc-mash@derby.example",
                m -> Mailboxes.subject(m).endsWith(outputReference(medium, "CSC"))), dir);

        assertThat(LINK.matcher(highMail).find()).isTrue();
        assertThat(mediumMail).doesNotContain("/ack/");
    }

    private Notifications notification(String risk) {
        return Notifications.notification().noChildren().riskLevel(risk)
                .victim("Quilla", "Brackenbury", "1990-01-17").perpetrator("Orrin", "Brackenbury")
                .address("7 Imaginary Row").victimPhone("07700 900456")
                .child("Perpetua", "Brackenbury", "2016-06-09", "100001");
    }

    /** Posts as Derbyshire; returns the gateway reference of the notification. */
    private String accepted(Notifications notification) {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", notification.xml());
        assertThat(answer.status()).isEqualTo(202);
        return answer.json().path("reference").asText();
    }

    private String outputReference(String notificationReference, String recipient) {
        return jdbc.queryForObject("SELECT output_reference FROM delivery WHERE notification_reference = ? AND recipient = ?",
                String.class, notificationReference, recipient);
    }

    private String schoolStatus(Notifications notification) {
        JsonNode status = GatewayClient.as("police-DERBYS", port).get("/api/v1/notifications/" + notification.id()).json();
        for (JsonNode delivery : status.path("deliveries")) {
            if (delivery.path("recipientType").asText().equals("SCHOOL")) {
                return delivery.path("status").asText();
            }
        }
        throw new AssertionError("no school delivery");
    }

    private static String tokenIn(String opened) {
        Matcher link = LINK.matcher(opened);
        assertThat(link.find()).as("the mail holds an acknowledgement link").isTrue();
        return link.group(1);
    }
}
