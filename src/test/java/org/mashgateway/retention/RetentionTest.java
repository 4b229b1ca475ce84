package org.mashgateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.delivery.DeliveryAdministration;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayProcess;
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
 * Retention for real: a notification accepted over HTTPS and delivered; the clock moved past the
 * school notification's own period (30 days) and then past the default (90): each run destroys
 * exactly the bodies past their period, writes one DESTROYED decision each, and the trail still
 * verifies. After it nothing can read the content: the store, a correction, an admin's retry.
 */
@Import(MovableClock.Replacement.class)
@Tag("database")
class RetentionTest extends GatewayTest {

    private static final int SMTP_PORT = GatewayProcess.freePort();
    private static final GreenMail SMTP = startSmtp();
    private static final String PATH = "/api/v1/notifications";

    @LocalServerPort
    int port;

    @Autowired
    RetentionJob retention;

    @Autowired
    MessageStore store;

    @Autowired
    DecisionLog decisions;

    @Autowired
    DeliveryAdministration administration;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @DynamicPropertySource
    static void retention(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.retention.days.SchoolNotification", () -> "30");
        // The scheduled run at start finds nothing old; the test runs the job itself.
        registry.add("mash.retention.interval", () -> "P1D");
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
    void bodies_past_their_period_are_destroyed_once_recorded_and_unreadable_by_every_path() {
        Notifications notification = Notifications.notification();
        String input = accept(notification.xml());
        Map<String, String> outputs = awaitSent(input);
        assertThat(outputs).containsValue("SchoolNotification").containsValue("AgencyNotification");
        Instant accepted = clock.instant();

        clock.set(accepted.plus(Duration.ofDays(29)));
        assertThat(retention.run()).as("nothing is past its period after 29 days").isZero();

        clock.set(accepted.plus(Duration.ofDays(31)));
        int schools = (int) outputs.values().stream().filter("SchoolNotification"::equals).count();
        assertThat(retention.run()).isEqualTo(schools);
        outputs.forEach((reference, type) -> assertThat(store.get(reference).isPresent())
                .as(type + " " + reference).isEqualTo(!"SchoolNotification".equals(type)));
        assertThat(store.get(input)).isPresent();

        clock.set(accepted.plus(Duration.ofDays(91)));
        assertThat(retention.run()).isEqualTo(outputs.size() - schools + 1);
        assertThat(retention.run()).as("a second run finds nothing").isZero();

        List<String> all = new ArrayList<>(outputs.keySet());
        all.add(input);
        for (String reference : all) {
            assertThat(store.get(reference)).as(reference).isEmpty();
            assertThat(decisions.byReference(reference)).filteredOn(r -> r.decision() == DecisionKind.DESTROYED)
                    .singleElement()
                    .satisfies(r -> assertThat(r.reasonCode()).isEqualTo(RetentionJob.REASON))
                    .satisfies(r -> assertThat(r.documentType())
                            .isEqualTo(outputs.getOrDefault(reference, "DomesticAbuseNotification")));
        }
        assertThat(decisions.verify().ok()).as("the trail verifies after destruction").isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM acknowledgement_link WHERE output_reference IN ("
                + String.join(",", outputs.keySet().stream().map(r -> "'" + r + "'").toList()) + ")", Integer.class))
                .as("no acknowledgement link row outlives its body").isZero();

        Answer correction = police().postXml(PATH, Notifications.notification().supersedes(notification.id()).xml());
        assertThat(correction.status()).isEqualTo(409);
        assertThat(correction.reasonCode()).isEqualTo("ORIGINAL_NO_LONGER_HELD");

        String school = outputs.entrySet().stream().filter(e -> e.getValue().equals("SchoolNotification"))
                .findFirst().orElseThrow().getKey();
        int mailsBefore = SMTP.getReceivedMessages().length;
        jdbc.update("UPDATE delivery SET status = 'FAILED', reason_code = 'SMTP_REJECTED' WHERE output_reference = ?", school);
        assertThat(administration.retry(school, "admin")).isPresent();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT reason_code FROM delivery WHERE output_reference = ? AND status = 'FAILED'", String.class, school)
                != null);
        assertThat(jdbc.queryForObject("SELECT reason_code FROM delivery WHERE output_reference = ?", String.class, school))
                .as("a retry after destruction sends nothing").isEqualTo("BODY_NOT_AVAILABLE");
        assertThat(SMTP.getReceivedMessages()).hasSize(mailsBefore);
    }

    @Test
    void two_nodes_running_at_once_destroy_each_body_once_and_record_it_once() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String input = accept(Notifications.notification().xml());
            references.addAll(awaitSent(input).keySet());
            references.add(input);
        }
        clock.set(Instant.now().plus(Duration.ofDays(91)));
        int live = jdbc.queryForObject("SELECT COUNT(*) FROM message_body WHERE destroyed_at IS NULL", Integer.class);

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(retention::run);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(retention::run);
        int destroyed = one.get(60, TimeUnit.SECONDS) + two.get(60, TimeUnit.SECONDS);

        assertThat(destroyed).as("each live body destroyed by exactly one of the runs").isEqualTo(live);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_body WHERE destroyed_at IS NULL", Integer.class)).isZero();
        for (String reference : references) {
            assertThat(decisions.byReference(reference)).filteredOn(r -> r.decision() == DecisionKind.DESTROYED).hasSize(1);
        }
        assertThat(decisions.verify().ok()).isTrue();
    }

    private String accept(String xml) {
        Answer answer = police().postXml(PATH, xml);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().path("reference").asText();
    }

    /** The outputs of an accepted notification, by output reference, with their document types, once all are SENT. */
    private Map<String, String> awaitSent(String input) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE notification_reference = ? AND status = 'PENDING'", Integer.class, input) == 0);
        Map<String, String> outputs = new LinkedHashMap<>();
        jdbc.query("SELECT output_reference, document_type FROM delivery WHERE notification_reference = ? "
                        + "AND output_reference IS NOT NULL AND status = 'SENT' ORDER BY output_reference",
                rs -> {
                    outputs.put(rs.getString(1), rs.getString(2));
                }, input);
        return outputs;
    }

    private GatewayClient police() {
        return GatewayClient.as("police-DERBYS", port);
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }
}
