package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashgateway.delivery.DeliveryFixtures.agencyShare;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.MashGatewayApplication;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.support.Notifications;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox survives the process: what was scheduled and not yet sent when the gateway stopped
 * (or died holding it) is sent after the restart, and a resend carries the first copy's Message-ID.
 */
class DeliveryAfterRestartTest {

    @TempDir
    Path dataDir;

    /** A fresh SMTP server on a free loopback port for each test. */
    @RegisterExtension
    final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Test
    void deliveries_scheduled_before_a_stop_or_held_by_a_dead_run_are_sent_after_the_restart_with_their_message_id() {
        RecipientShare unclaimed = agencyShare("CSC", Notifications.freshId("DERBYS"));
        RecipientShare heldByDeadNode = agencyShare("HEALTH", Notifications.freshId("DERBYS"));
        RecipientShare heldByThisNodeBeforeACrash = agencyShare("EWS", Notifications.freshId("DERBYS"));
        try (ConfigurableApplicationContext gateway = start("--mash.delivery.worker.enabled=false")) {
            new TransactionTemplate(gateway.getBean(PlatformTransactionManager.class)).executeWithoutResult(status ->
                    gateway.getBean(Deliveries.class).schedule(DeliveryFixtures.reference(), "DERBYS",
                            DeliveryFixtures.plan(List.of(unclaimed, heldByDeadNode, heldByThisNodeBeforeACrash))));
            // A node that claimed this delivery and died: its lease has run out.
            gateway.getBean(JdbcTemplate.class).update(
                    "UPDATE delivery SET claimed_by = 'dead-node', claimed_until = ? WHERE output_reference = ?",
                    Timestamp.from(Instant.now().minusSeconds(1)), heldByDeadNode.reference());
            // This node claimed it and was killed mid-send: its lease would last another hour.
            gateway.getBean(JdbcTemplate.class).update(
                    "UPDATE delivery SET claimed_by = ?, claimed_until = ? WHERE output_reference = ?",
                    gateway.getBean(DeliveryWorker.class).node(), Timestamp.from(Instant.now().plusSeconds(3600)),
                    heldByThisNodeBeforeACrash.reference());
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }

        try (ConfigurableApplicationContext restarted = start()) {
            Deliveries deliveries = restarted.getBean(Deliveries.class);
            awaitSent(deliveries, unclaimed, heldByDeadNode, heldByThisNodeBeforeACrash);
            assertThat(messageIdsFor(unclaimed)).containsExactly("<" + unclaimed.reference() + "@mash-gateway>");
            assertThat(messageIdsFor(heldByDeadNode)).containsExactly("<" + heldByDeadNode.reference() + "@mash-gateway>");

            // As if the gateway died after the mail server took the mail and before SENT was recorded.
            restarted.getBean(JdbcTemplate.class).update("UPDATE delivery SET status = 'PENDING', sent_at = NULL, "
                    + "next_attempt_at = ? WHERE output_reference = ?", Timestamp.from(Instant.now()), unclaimed.reference());
            await().atMost(Duration.ofSeconds(30)).until(() -> messageIdsFor(unclaimed).size() == 2);

            assertThat(messageIdsFor(unclaimed)).containsOnly("<" + unclaimed.reference() + "@mash-gateway>");
            awaitSent(deliveries, unclaimed);
        }
    }

    private void awaitSent(Deliveries deliveries, RecipientShare... shares) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shares).allSatisfy(share ->
                assertThat(deliveries.byOutputReference(share.reference()).orElseThrow().status())
                        .isEqualTo(DeliveryStatus.SENT)));
    }

    private List<String> messageIdsFor(RecipientShare share) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> DeliveryFixtures.subjectReference(mail).equals(share.reference()))
                .map(DeliveryAfterRestartTest::messageId)
                .toList();
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getHeader("Message-ID", null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--mash.data-dir=" + dataDir,
                "--mash.mail.smtp.port=" + smtp.getSmtp().getPort()));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(MashGatewayApplication.class)
                .profiles("demo", "test")
                .run(args.toArray(String[]::new));
    }
}
