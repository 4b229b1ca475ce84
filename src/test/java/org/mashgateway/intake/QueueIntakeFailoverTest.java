package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.ConsoleDashboard;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.ExternalBroker;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.QueueForce;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on an external shared-store HA pair of Artemis brokers, each in its own JVM: the
 * primary is SIGKILLed while a force sends notifications over the queue (about 20 a second); the
 * backup takes the journal over, the force's client and the gateway's intake consumers carry on
 * against it, and the console reads the queues' depths from it. Then the primary is started again
 * and takes its place back (fail-back), still under load; every notification the broker accepted
 * is recorded, once, and the console reads the depths from the primary again.
 */
@Tag("database")
class QueueIntakeFailoverTest extends GatewayTest {

    private static final int BEFORE_THE_KILL = 15;
    private static final int BEFORE_THE_RESTART = 45;
    private static final int IN_ALL = 75;

    private static final ExternalBroker.Pair brokers = ExternalBroker.Pair.start(
            Path.of("target", "test-data", "broker-pair-" + UUID.randomUUID()).toAbsolutePath(), 5);

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        brokers.connect(registry);
    }

    /** The brokers stop with this class's gateway, after its listeners. */
    @TestConfiguration
    static class BrokerLifetime {

        @Bean(destroyMethod = "close")
        ExternalBroker.Pair externalBrokers() {
            return brokers;
        }
    }

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void the_backup_takes_over_under_queue_load_and_no_accepted_notification_is_lost() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        QueueForce force = new QueueForce(brokers, Duration.ofMillis(50), running);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(force);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> force.accepted().size() >= BEFORE_THE_KILL);
            brokers.primary().kill();
            await().atMost(Duration.ofSeconds(120)).until(() -> force.accepted().size() >= BEFORE_THE_RESTART);
            assertDepthsKnown("on the backup");
            brokers.primary().start();
            int restartedAt = force.accepted().size();
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> force.accepted().size() >= Math.max(IN_ALL, restartedAt + 15));
        } finally {
            running.set(false);
        }
        sending.get(60, TimeUnit.SECONDS);

        List<String> accepted = List.copyOf(force.accepted());
        assertThat(accepted).as("the force's client failed over and went on sending").hasSizeGreaterThanOrEqualTo(IN_ALL);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(recorded(accepted))
                .as("every notification the broker accepted, recorded once").containsExactlyInAnyOrderElementsOf(accepted));
        assertDepthsKnown("on the primary, back");
    }

    /** The dashboard's queue table, read through the broker's management API, has every depth. */
    private void assertDepthsKnown(String when) {
        ConsoleSession console = ConsoleSession.loggedIn(port, "operator", "demo");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ConsoleDashboard.of(console).queues())
                .as("queue depths " + when).containsKey("mash.in.notifications").doesNotContainValue("unknown"));
    }

    private List<String> recorded(List<String> ids) {
        return jdbc.sql("SELECT notification_id FROM received_notification WHERE force_code = 'DERBYS'")
                .query(String.class).list().stream().filter(ids::contains).toList();
    }
}
