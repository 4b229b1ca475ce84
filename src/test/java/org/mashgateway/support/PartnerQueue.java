package org.mashgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.util.function.Function;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.mashgateway.broker.BrokerAddresses;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A partner's system on the embedded broker's TCP listener: sends as its broker user and reads the gateway's report. */
public final class PartnerQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartnerQueue() {}

    /**
     * Sends the message {@code make} builds to {@code queue} as broker user {@code user} (password
     * {@code demo}), with its own reply queue as JMSReplyTo, and returns the gateway's report.
     */
    public static JsonNode report(int port, String user, String queue, Function<Session, Message> make)
            throws JMSException, IOException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        try (Connection connection = factory.createConnection(user, "demo")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createQueue(BrokerAddresses.replyQueue(user));
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            Message message = make.apply(session);
            message.setJMSReplyTo(replies);
            producer.send(message);
            MessageConsumer consumer = session.createConsumer(replies,
                    "JMSCorrelationID = '" + message.getJMSMessageID() + "'");
            TextMessage reply = (TextMessage) consumer.receive(30_000);
            assertThat(reply).as("the gateway's report").isNotNull();
            return JSON.readTree(reply.getText());
        } finally {
            factory.close();
        }
    }

    /** A text message, for {@link #report}'s builder. */
    public static TextMessage text(Session session, String text) {
        try {
            return session.createTextMessage(text);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
