package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.support.ExternalBroker;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on an external shared-store HA pair of Artemis brokers, each in its own JVM: the
 * primary is SIGKILLed while a force sends notifications over the queue; the backup takes the
 * journal over, the gateway's intake consumers carry on against it, and every notification the
 * broker accepted is recorded, once.
 */
@Tag("database")
class QueueIntakeFailoverTest extends GatewayTest {

    private static final int BEFORE_THE_KILL = 15;
    private static final int IN_ALL = 45;

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

    @Test
    void the_backup_takes_over_under_queue_load_and_no_accepted_notification_is_lost() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < IN_ALL; i++) {
            ids.add(Notifications.freshId("DERBYS"));
        }
        CountDownLatch halfway = new CountDownLatch(1);
        CompletableFuture<List<String>> accepted = CompletableFuture.supplyAsync(() -> send(ids, halfway));

        assertThat(halfway.await(60, TimeUnit.SECONDS)).as("sent the first notifications").isTrue();
        brokers.primary().kill();

        List<String> sent = accepted.get(120, TimeUnit.SECONDS);
        assertThat(sent).as("the force's client failed over and sent every notification").hasSize(IN_ALL);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(recorded(ids))
                .as("every notification the broker accepted, recorded once").containsExactlyInAnyOrderElementsOf(ids));
    }

    /**
     * Sends each notification as DERBYS, persistent, at about 20 a second; a send interrupted by the
     * fail-over is sent again (the broker did not confirm it), as a force's client would.
     */
    private static List<String> send(List<String> ids, CountDownLatch halfway) {
        List<String> sent = new ArrayList<>();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokers.url(), ExternalBroker.FORCE_USER,
                brokers.primary().password());
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String id : ids) {
                String document = Notifications.notification().id(id).xml();
                for (int attempt = 1; ; attempt++) {
                    try {
                        producer.send(session.createTextMessage(document));
                        break;
                    } catch (JMSException e) {
                        if (attempt == 20) {
                            throw e;
                        }
                        Thread.sleep(500);
                    }
                }
                sent.add(id);
                if (sent.size() == BEFORE_THE_KILL) {
                    halfway.countDown();
                }
                Thread.sleep(50);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sent;
    }

    private List<String> recorded(List<String> ids) {
        return jdbc.sql("SELECT notification_id FROM received_notification WHERE force_code = 'DERBYS'")
                .query(String.class).list().stream().filter(ids::contains).toList();
    }
}
