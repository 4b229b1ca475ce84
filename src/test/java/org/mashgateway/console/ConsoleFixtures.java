package org.mashgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.Notifications;

/**
 * Made-up people with values distinctive enough to grep for in every console page, and the ways
 * the console tests send them through the gateway's real intake (HTTPS and the broker).
 */
final class ConsoleFixtures {

    /** Every personal value the fixtures carry; no console page may contain any of them. */
    static final List<String> PERSONAL_VALUES = List.of(
            "Zephyrine", "Quillfeather", "1987-03-17", "07700 900777", "Marmalade Lane", "Bartholomew",
            "Thistlewood", "Ottoline", "2015-06-01", "Periwinkle");

    private ConsoleFixtures() {}

    /** A HIGH-risk notification from DERBYS about made-up people, with a child at school 100001. */
    static Notifications distinctivePeople() {
        return new Notifications()
                .victim("Zephyrine", "Quillfeather", "1987-03-17")
                .victimPhone("07700 900777")
                .address("99 Marmalade Lane")
                .perpetrator("Bartholomew", "Thistlewood")
                .circumstances("Argument about the Periwinkle inheritance.")
                .child("Ottoline", "Quillfeather", "2015-06-01", "100001");
    }

    static GatewayClient.Answer postAsDerbyshire(int port, Notifications notification) {
        GatewayClient.Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications",
                notification.xml());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer;
    }

    /** Sends a document to the notifications queue as a force's broker user (over the broker's TCP acceptor). */
    static void sendToQueueAs(int brokerPort, String force, String xml) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (Connection connection = factory.createConnection(force, "demo")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS));
            producer.send(session.createTextMessage(xml));
        } finally {
            factory.close();
        }
    }

    static GreenMail startSmtp(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
