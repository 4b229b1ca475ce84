package org.mashgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.support.ExternalBroker;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a broker outside its JVM, connected as production connects (native mode, its own
 * user): the console reads the queues' depths and the quarantine through the broker's management
 * API instead of showing them unknown, and releases and discards quarantined messages there.
 */
class ExternalBrokerQueuesTest extends GatewayTest {

    /** A queue under mash.in. that the gateway does not read: what lands there stays for the test. */
    private static final String TEST_INBOUND = "mash.in.console-test";

    private static final ExternalBroker broker = new ExternalBroker(
            Path.of("target", "test-data", "external-broker-" + UUID.randomUUID()).toAbsolutePath(), 2).start();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        broker.connect(registry);
    }

    /** The broker stops with this class's gateway, after its listeners, not before them. */
    @TestConfiguration
    static class BrokerLifetime {

        @Bean(destroyMethod = "close")
        ExternalBroker externalBroker() {
            return broker;
        }
    }

    @Autowired
    BrokerQueues queues;

    @Autowired
    BrokerManagement management;

    @Test
    void the_console_reads_and_acts_on_the_external_brokers_queues() throws Exception {
        assertThat(queues.visible()).as("the external broker answers the console").isTrue();
        Map<String, Long> depths = queues.depths();
        assertThat(depths.keySet()).containsExactlyElementsOf(BrokerQueues.WATCHED);
        assertThat(depths.values()).as("every depth known").doesNotContainNull();
        long quarantinedBefore = depths.get(BrokerAddresses.QUARANTINE);

        // One refused by the gateway's intake (its sender is no force), one the broker gave up on.
        try (Connection connection = partnerConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS))
                    .send(session.createTextMessage(Notifications.notification().xml()));
            session.createProducer(session.createQueue(TEST_INBOUND)).send(session.createTextMessage("poison"));
            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = transacted.createConsumer(transacted.createQueue(TEST_INBOUND));
            connection.start();
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThat(consumer.receive(10_000)).as("delivery " + (attempt + 1)).isNotNull();
                transacted.rollback();
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> queues.quarantined().size() == quarantinedBefore + 2);
        assertThat(queues.depths().get(BrokerAddresses.QUARANTINE)).isEqualTo(quarantinedBefore + 2);
        List<BrokerQueues.Quarantined> quarantined = queues.quarantined();
        BrokerQueues.Quarantined refused = quarantined.stream().filter(m -> m.originalAddress() == null)
                .reduce((first, second) -> second).orElseThrow();
        BrokerQueues.Quarantined givenUp = quarantined.stream().filter(m -> TEST_INBOUND.equals(m.originalAddress()))
                .findFirst().orElseThrow();
        assertThat(refused.reasonCode()).as("the intake's reason").isNotBlank();
        assertThat(refused.releasable()).isFalse();
        assertThat(givenUp.reasonCode()).isEqualTo(BrokerQueues.REDELIVERIES_EXHAUSTED);
        assertThat(givenUp.releasable()).isTrue();
        assertThat(queues.quarantined(givenUp.messageId())).contains(givenUp);

        assertThat(queues.release(givenUp)).as("released").isTrue();
        try (Connection connection = partnerConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(TEST_INBOUND));
            connection.start();
            Message back = consumer.receive(10_000);
            assertThat(back).as("back on the queue it came from").isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) back).getText()).isEqualTo("poison");
        }

        assertThat(queues.discard(refused)).as("discarded").isTrue();
        assertThat(queues.quarantined(refused.messageId())).isEmpty();
        assertThat(queues.depths().get(BrokerAddresses.QUARANTINE)).isEqualTo(quarantinedBefore);
    }

    @Test
    void what_the_broker_cannot_answer_is_unknown_not_an_error() {
        assertThat(management.messageCounts()).as("one answer for every queue").get()
                .asInstanceOf(MAP)
                .containsKey(BrokerAddresses.QUARANTINE).doesNotContainKey("mash.no-such-queue");
        assertThat(management.move(Long.MAX_VALUE, TEST_INBOUND)).isFalse();
        assertThat(management.remove(Long.MAX_VALUE)).isFalse();
    }

    private static Connection partnerConnection() throws JMSException {
        return new ActiveMQConnectionFactory(broker.url(), ExternalBroker.GATEWAY_USER, broker.password())
                .createConnection();
    }
}
