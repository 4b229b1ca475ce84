package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.support.Acknowledgements;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.MovableClock;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Escalation with the gateway's clock moved by the test: an unacknowledged school notification is
 * sent again to the school's deputy and alerted exactly at one hour before its DueBy, not a second
 * earlier and only once; a school without a deputy is alerted; an unacknowledged HIGH-risk agency
 * notification is alerted at 75 % of its time to DueBy and not at 74 %.
 */
@Import(MovableClock.Replacement.class)
@Tag("database")
class EscalationTest extends GatewayTest {

    private static final int SMTP_PORT = Mailboxes.freePort();
    private static final GreenMail SMTP = Mailboxes.smtp(SMTP_PORT);
    private static final String DEPUTY = "deputy@example-primary.example";
    private static final Pattern LINK = Pattern.compile("/ack/([A-Za-z0-9_-]{22})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    EscalationWatch watch;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        // The test runs every check itself, at the instants it sets.
        registry.add("mash.escalation.check-interval", () -> "PT1H");
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
    void an_unacknowledged_school_notification_goes_to_the_deputy_at_one_hour_before_its_deadline_once()
            throws Exception {
        String notification = accepted(Notifications.notification().noChildren()
                .child("Perpetua", "Brackenbury", "2016-06-09", "100001")
                .child("Tobias", "Brackenbury", "2014-09-01", "100002"));
        String withDeputy = deliveryTo(notification, "100001");
        String withoutDeputy = deliveryTo(notification, "100002");
        awaitStatus(withDeputy, "SENT");
        awaitStatus(withoutDeputy, "SENT"); // its history below begins with SENT
        Instant dueBy = dueBy(withDeputy);

        clock.set(dueBy.minus(Duration.ofHours(1)).minusSeconds(1));
        assertThat(watch.check()).doesNotContain(withDeputy, withoutDeputy);
        assertThat(alertsAbout("SCHOOL_NOTIFICATION_UNACKNOWLEDGED", withDeputy)).isZero();

        clock.set(dueBy.minus(Duration.ofHours(1)));
        assertThat(watch.check()).contains(withDeputy, withoutDeputy);
        MimeMessage copy = Mailboxes.await(SMTP, DEPUTY, mail -> Mailboxes.subject(mail).endsWith(withDeputy));
        assertThat(Mailboxes.subject(copy)).isEqualTo("OFFICIAL-SENSITIVE: SDAT school notification " + withDeputy);
        assertThat(alertsAbout("SCHOOL_NOTIFICATION_UNACKNOWLEDGED", withDeputy)).isEqualTo(1);
        assertThat(alertsAbout("SCHOOL_NOTIFICATION_UNACKNOWLEDGED", withoutDeputy)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT context FROM alert WHERE reason_code = 'SCHOOL_NOTIFICATION_UNACKNOWLEDGED' "
                + "AND context LIKE ?", String.class, "%" + withoutDeputy + "%")).contains("no deputy");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE outbox_kind = 'DEPUTY_COPY' "
                + "AND source_reference = ?", Integer.class, withoutDeputy)).isZero();
        // The copy is an entry of the outbox: its SENT is recorded just after the mail goes.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT status FROM delivery WHERE outbox_kind = 'DEPUTY_COPY' AND source_reference = ?", String.class,
                withDeputy)).isEqualTo("SENT"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'DELIVERED' AND reason_code = 'ESCALATION_COPY_TO_DEPUTY'", Integer.class, withDeputy))
                .isEqualTo(1);
        assertThat(history(withDeputy)).as("the delivery's history, as the console shows it")
                .containsExactly("SENT SENT null", "ESCALATED SENT SCHOOL_NOTIFICATION_UNACKNOWLEDGED",
                        "DEPUTY_COPY_SENT SENT null");
        assertThat(history(withoutDeputy))
                .containsExactly("SENT SENT null", "ESCALATED SENT SCHOOL_NOTIFICATION_UNACKNOWLEDGED");

        clock.set(dueBy.minus(Duration.ofMinutes(30)));
        assertThat(watch.check()).doesNotContain(withDeputy, withoutDeputy);
        Thread.sleep(500);
        assertThat(Mailboxes.to(SMTP, DEPUTY).stream().filter(mail -> Mailboxes.subject(mail).endsWith(withDeputy)))
                .hasSize(1);
        assertThat(alertsAbout("SCHOOL_NOTIFICATION_UNACKNOWLEDGED", withDeputy)).isEqualTo(1);

        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the copy").isTrue();
        String opened = Mailboxes.openedBy("school-100001", copy, dir);
        assertThat(opened).contains("<SchoolNotification", withDeputy, "/ack/");
        Matcher link = LINK.matcher(opened);
        assertThat(link.find()).isTrue();
        assertThat(new People(port).get("/ack/" + link.group(1)).statusCode()).as("the copy's link works").isEqualTo(200);
    }

    @Test
    void the_deputys_copy_of_a_failed_school_notification_carries_no_link() throws Exception {
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the copy").isTrue();
        String school = deliveryTo(accepted(Notifications.notification().noChildren()
                .child("Perpetua", "Brackenbury", "2016-06-09", "100001")), "100001");
        awaitStatus(school, "SENT");
        jdbc.update("UPDATE delivery SET status = 'FAILED', reason_code = 'SMTP_REJECTED' WHERE output_reference = ?",
                school);

        clock.set(dueBy(school).minus(Duration.ofHours(1)));
        assertThat(watch.check()).contains(school);
        String opened = Mailboxes.openedBy("school-100001",
                Mailboxes.await(SMTP, DEPUTY, mail -> Mailboxes.subject(mail).endsWith(school)), dir);

        assertThat(opened).contains("<SchoolNotification", LinkIssuer.NO_LINK).doesNotContain("/ack/")
                .doesNotContain(LinkIssuer.NOT_AT_REST);
    }

    @Test
    void an_acknowledged_school_notification_is_not_escalated() throws Exception {
        String notification = accepted(Notifications.notification());
        String school = deliveryTo(notification, "100001");
        awaitStatus(school, "SENT");
        jdbc.update("UPDATE delivery SET status = 'ACKNOWLEDGED' WHERE output_reference = ?", school);

        clock.set(dueBy(school));
        assertThat(watch.check()).doesNotContain(school);
        assertThat(alertsAbout("SCHOOL_NOTIFICATION_UNACKNOWLEDGED", school)).isZero();
    }

    @Test
    void an_unacknowledged_high_risk_agency_notification_is_alerted_at_three_quarters_of_its_time() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(start);
        String notification = accepted(Notifications.notification().createdAt(start.toString()).riskLevel("HIGH"));
        String csc = deliveryTo(notification, "CSC");
        Instant createdAt = jdbc.queryForObject("SELECT created_at FROM delivery WHERE output_reference = ?",
                OffsetDateTime.class, csc).toInstant();
        Duration span = Duration.between(createdAt, dueBy(csc));
        assertThat(span).isEqualTo(Duration.ofHours(24));

        clock.set(createdAt.plus(span.multipliedBy(74).dividedBy(100)));
        assertThat(watch.check()).doesNotContain(csc);
        assertThat(alertsAbout("AGENCY_NOTIFICATION_UNACKNOWLEDGED", csc)).isZero();

        clock.set(createdAt.plus(span.multipliedBy(75).dividedBy(100)));
        assertThat(watch.check()).contains(csc);
        assertThat(alertsAbout("AGENCY_NOTIFICATION_UNACKNOWLEDGED", csc)).isEqualTo(1);

        clock.set(createdAt.plus(span.multipliedBy(90).dividedBy(100)));
        assertThat(watch.check()).doesNotContain(csc);
        assertThat(alertsAbout("AGENCY_NOTIFICATION_UNACKNOWLEDGED", csc)).isEqualTo(1);
    }

    @Test
    void only_what_awaits_an_acknowledgement_is_watched_and_only_until_it_is_acknowledged_or_escalated()
            throws Exception {
        String high = accepted(Notifications.notification().riskLevel("HIGH"));
        String school = deliveryTo(high, "100001");
        String csc = deliveryTo(high, "CSC");
        String mediumCsc = deliveryTo(accepted(Notifications.notification().riskLevel("MEDIUM")), "CSC");
        assertThat(watchedAs(school)).isEqualTo("SCHOOL");
        assertThat(watchedAs(csc)).isEqualTo("AGENCY");
        assertThat(watchedAs(mediumCsc)).as("a MEDIUM-risk agency copy asks for no acknowledgement").isNull();

        awaitStatus(csc, "SENT");
        Answer acknowledged = GatewayClient.as("agency-CSC", port).postXml("/api/v1/acknowledgements",
                Acknowledgements.of(csc, "CSC"));
        assertThat(acknowledged.status()).as(acknowledged.body()).isLessThan(300);
        assertThat(watchedAs(csc)).as("acknowledged").isNull();

        awaitStatus(school, "SENT");
        clock.set(dueBy(school).minus(Duration.ofHours(1)));
        assertThat(watch.check()).contains(school).doesNotContain(csc);
        assertThat(watchedAs(school)).as("escalated").isNull();
    }

    @Test
    void a_corrected_or_withdrawn_school_notification_is_not_escalated_and_its_correction_is() throws Exception {
        String born = LocalDate.now(clock).minusYears(9).minusDays(5).toString();
        Notifications original = Notifications.notification().noChildren().child("Perpetua", "Brackenbury", born, "100001");
        String originalShare = deliveryTo(accepted(original), "100001");
        String correctionShare = deliveryTo(accepted(Notifications.notification().noChildren().supersedes(original.id())
                .child("Perpetua", "Brackenbury", born, "100001")), "100001");
        Notifications sentInError = Notifications.notification().noChildren().child("Tobias", "Brackenbury", born, "100002");
        String withdrawnShare = deliveryTo(accepted(sentInError), "100002");
        Answer withdrawal = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications",
                Notifications.withdrawal(Notifications.freshId("DERBYS"), sentInError.id()));
        assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(202);
        for (String share : List.of(originalShare, correctionShare, withdrawnShare)) {
            awaitStatus(share, "SENT");
        }

        clock.set(Collections.max(List.of(dueBy(originalShare), dueBy(correctionShare), dueBy(withdrawnShare)))
                .minus(Duration.ofHours(1)));
        List<String> escalated = watch.check();

        assertThat(escalated).contains(correctionShare).doesNotContain(originalShare, withdrawnShare);
        assertThat(alertsAbout("SCHOOL_NOTIFICATION_UNACKNOWLEDGED", originalShare)).isZero();
        assertThat(alertsAbout("SCHOOL_NOTIFICATION_UNACKNOWLEDGED", withdrawnShare)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE outbox_kind = 'DEPUTY_COPY' "
                + "AND source_reference IN (?, ?)", Integer.class, originalShare, withdrawnShare)).isZero();
    }

    private String watchedAs(String outputReference) {
        return jdbc.queryForObject("SELECT escalation_watch FROM delivery WHERE output_reference = ?", String.class,
                outputReference);
    }

    private String accepted(Notifications notification) {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", notification.xml());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().path("reference").asText();
    }

    private String deliveryTo(String notificationReference, String recipient) {
        return jdbc.queryForObject("SELECT output_reference FROM delivery WHERE notification_reference = ? AND recipient = ?",
                String.class, notificationReference, recipient);
    }

    private Instant dueBy(String outputReference) {
        return jdbc.queryForObject("SELECT due_by FROM delivery WHERE output_reference = ?", OffsetDateTime.class,
                outputReference).toInstant();
    }

    private long alertsAbout(String reasonCode, String outputReference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'DEADLINE' AND reason_code = ? AND context LIKE ?",
                Long.class, reasonCode, "%" + outputReference + "%");
    }

    private List<String> history(String outputReference) {
        return jdbc.query("SELECT e.event, e.status, e.reason_code FROM delivery_event e "
                + "JOIN delivery d ON d.delivery_id = e.delivery_id WHERE d.output_reference = ? ORDER BY e.event_id",
                (rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), outputReference);
    }

    private void awaitStatus(String outputReference, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !status.equals(jdbc.queryForObject(
                "SELECT status FROM delivery WHERE output_reference = ?", String.class, outputReference))) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject("SELECT status FROM delivery WHERE output_reference = ?", String.class,
                outputReference)).isEqualTo(status);
    }
}
