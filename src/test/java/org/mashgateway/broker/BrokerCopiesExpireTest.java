package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the broker keeps aside (a failed delivery's protected mail on {@code mash.dlq}, a poison or
 * refused input's record on {@code mash.quarantine}) is dropped once {@code mash.retention.broker-copies}
 * has passed, however it was sent: before, both were kept forever.
 */
class BrokerCopiesExpireTest extends GatewayTest {

    private static final Duration KEPT = Duration.ofSeconds(2);

    @Autowired
    ConnectionFactory connectionFactory;

    @DynamicPropertySource
    static void shortRetention(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.retention.broker-copies", KEPT::toString);
    }

    @Test
    void the_dead_letter_and_quarantine_copies_expire_after_the_broker_retention() throws Exception {
        for (String queue : new String[] {BrokerAddresses.DEAD_LETTERS, BrokerAddresses.QUARANTINE}) {
            JmsTemplate jms = new JmsTemplate(connectionFactory);
            jms.setReceiveTimeout(1_000);
            jms.send(queue, session -> kept(session.createBytesMessage(), "kept"));
            assertThat(jms.receive(queue)).as(queue + " keeps it at first").isNotNull();

            jms.send(queue, session -> kept(session.createBytesMessage(), "expires"));
            Thread.sleep(KEPT.plusMillis(500).toMillis());
            assertThat(jms.receive(queue)).as(queue + " has dropped it after " + KEPT).isNull();
        }
    }

    private static BytesMessage kept(BytesMessage message, String marker) throws jakarta.jms.JMSException {
        message.writeBytes(new byte[] {1, 2, 3});
        message.setStringProperty("MashReasonCode", marker.toUpperCase());
        return message;
    }
}
