package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.GatewayProcess;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A partner's system speaks AMQP 1.0, OpenWire (ActiveMQ Classic) or STOMP to the embedded broker's
 * one listener, as its own broker user, and gets exactly what it gets over CORE: a police
 * notification accepted and reported, a refused one quarantined and reported on its own reply
 * queue, its casework output read by the case system; no partner reads another's queue or writes
 * an outbound one, and a message claiming another sender in its properties is the authenticated
 * user's, on every protocol.
 */
class PartnerProtocolsTest extends GatewayTest {

    private static final int PORT = GatewayProcess.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENDER_PROPERTY = "_AMQ_VALIDATED_USER";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    jakarta.jms.ConnectionFactory gatewayConnections;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        partnerListener(registry, PORT);
    }

    // --- AMQP 1.0 (Qpid JMS, Jakarta JMS API) ---

    @Test
    void amqp_a_police_notification_is_accepted_and_reported() throws Exception {
        Notifications notification = Notifications.notification();

        JsonNode report = amqpReport("DERBYS", notification.xml(), null);

        assertThat(report.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receivedVia(notification.id())).isEqualTo("QUEUE");
    }

    @Test
    void amqp_a_refused_notification_is_quarantined_and_the_report_goes_to_the_senders_reply_queue() throws Exception {
        JsonNode report = amqpReport("DERBYS", Notifications.notification().riskLevel("SEVERE").xml(), null);

        assertThat(report.path("status").asText()).isEqualTo("REJECTED");
        assertThat(report.path("reasonCode").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(report.toString()).doesNotContain("SEVERE");
    }

    @Test
    void amqp_a_message_claiming_another_sender_is_the_authenticated_users() throws Exception {
        Notifications nottinghamshire = Notifications.notification().id(Notifications.freshId("NOTTS"))
                .force("NOTTS", "Nottinghamshire Police");

        JsonNode report = amqpReport("DERBYS", nottinghamshire.xml(), "NOTTS");

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("REJECTED");
        assertThat(receivedVia(nottinghamshire.id())).isNull();
    }

    @Test
    void amqp_a_partner_cannot_write_an_outbound_queue_or_read_another_partners() throws Exception {
        JmsConnectionFactory factory = new JmsConnectionFactory("amqp://127.0.0.1:" + PORT);
        try (jakarta.jms.Connection connection = factory.createConnection("DERBYS", "demo")) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(BrokerAddresses.CASEWORK))
                    .send(session.createTextMessage("<x/>")))
                    .isInstanceOf(jakarta.jms.JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(BrokerAddresses.replyQueue("NOTTS"))))
                    .isInstanceOf(jakarta.jms.JMSSecurityException.class);
        }
    }

    // --- OpenWire (ActiveMQ Classic client, javax JMS API) ---

    @Test
    void openwire_a_police_notification_is_accepted_and_a_refused_one_reported() throws Exception {
        Notifications notification = Notifications.notification();
        assertThat(openWireReport("DERBYS", notification.xml(), null).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receivedVia(notification.id())).isEqualTo("QUEUE");

        JsonNode refused = openWireReport("DERBYS", Notifications.notification().riskLevel("SEVERE").xml(), null);
        assertThat(refused.path("reasonCode").asText()).isEqualTo("SCHEMA_INVALID");
    }

    @Test
    void openwire_a_message_claiming_another_sender_is_the_authenticated_users() throws Exception {
        Notifications nottinghamshire = Notifications.notification().id(Notifications.freshId("NOTTS"))
                .force("NOTTS", "Nottinghamshire Police");

        JsonNode report = openWireReport("DERBYS", nottinghamshire.xml(), "NOTTS");

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("REJECTED");
        assertThat(receivedVia(nottinghamshire.id())).isNull();
    }

    // --- STOMP (frames over a plain socket) ---

    @Test
    void stomp_a_police_notification_is_accepted() throws Exception {
        Notifications notification = Notifications.notification();
        try (Stomp stomp = Stomp.connect("DERBYS")) {
            stomp.send(BrokerAddresses.NOTIFICATIONS, notification.xml(), null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "QUEUE".equals(receivedVia(notification.id())));
    }

    @Test
    void stomp_a_message_claiming_another_sender_is_the_authenticated_users() throws Exception {
        Notifications nottinghamshire = Notifications.notification().id(Notifications.freshId("NOTTS"))
                .force("NOTTS", "Nottinghamshire Police");
        Notifications marker = Notifications.notification();
        try (Stomp stomp = Stomp.connect("DERBYS")) {
            stomp.send(BrokerAddresses.NOTIFICATIONS, nottinghamshire.xml(), "NOTTS");
            stomp.send(BrokerAddresses.NOTIFICATIONS, marker.xml(), null);
        }
        // The queue is taken in order: once the marker is in, the claim has been judged.
        await().atMost(Duration.ofSeconds(30)).until(() -> "QUEUE".equals(receivedVia(marker.id())));
        assertThat(receivedVia(nottinghamshire.id())).isNull();
    }

    @Test
    void stomp_the_case_system_reads_its_casework_and_a_force_cannot() throws Exception {
        String casework = "<CaseworkOutput>made-up " + System.nanoTime() + "</CaseworkOutput>";
        new JmsTemplate(gatewayConnections).send(BrokerAddresses.CASEWORK, session -> session.createTextMessage(casework));

        try (Stomp force = Stomp.connect("DERBYS")) {
            force.subscribe(BrokerAddresses.CASEWORK);
            assertThat(force.nextFrame()).startsWith("ERROR");
        }
        try (Stomp caseSystem = Stomp.connect("MASH")) {
            caseSystem.subscribe(BrokerAddresses.CASEWORK);
            String frame = caseSystem.nextFrame();
            assertThat(frame).startsWith("MESSAGE").contains(casework);
        }
    }

    private String receivedVia(String notificationId) {
        return jdbc.query("SELECT received_via FROM received_notification WHERE notification_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, notificationId);
    }

    private static JsonNode amqpReport(String user, String xml, String claimedSender) throws Exception {
        JmsConnectionFactory factory = new JmsConnectionFactory("amqp://127.0.0.1:" + PORT);
        try (jakarta.jms.Connection connection = factory.createConnection(user, "demo")) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Queue replies = session.createQueue(BrokerAddresses.replyQueue(user));
            jakarta.jms.TextMessage message = session.createTextMessage(xml);
            // A correlation id of the sender's own: message ids are written differently on each protocol.
            String correlation = "report-" + System.nanoTime();
            message.setJMSCorrelationID(correlation);
            if (claimedSender != null) {
                message.setStringProperty(SENDER_PROPERTY, claimedSender);
            }
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS)).send(message);
            jakarta.jms.MessageConsumer consumer = session.createConsumer(replies,
                    "JMSCorrelationID = '" + correlation + "'");
            jakarta.jms.TextMessage reply = (jakarta.jms.TextMessage) consumer.receive(30_000);
            assertThat(reply).as("the gateway's report over AMQP").isNotNull();
            return JSON.readTree(reply.getText());
        }
    }

    private static JsonNode openWireReport(String user, String xml, String claimedSender) throws Exception {
        org.apache.activemq.ActiveMQConnectionFactory factory =
                new org.apache.activemq.ActiveMQConnectionFactory("tcp://127.0.0.1:" + PORT);
        // Advisory topics are the client's own bookkeeping, which a partner has no right to create.
        factory.setWatchTopicAdvisories(false);
        javax.jms.Connection connection = factory.createConnection(user, "demo");
        try {
            connection.start();
            javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.Queue replies = session.createQueue(BrokerAddresses.replyQueue(user));
            javax.jms.TextMessage message = session.createTextMessage(xml);
            // A correlation id of the sender's own: message ids are written differently on each protocol.
            String correlation = "report-" + System.nanoTime();
            message.setJMSCorrelationID(correlation);
            if (claimedSender != null) {
                message.setStringProperty(SENDER_PROPERTY, claimedSender);
            }
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS)).send(message);
            javax.jms.MessageConsumer consumer = session.createConsumer(replies,
                    "JMSCorrelationID = '" + correlation + "'");
            javax.jms.TextMessage reply = (javax.jms.TextMessage) consumer.receive(30_000);
            assertThat(reply).as("the gateway's report over OpenWire").isNotNull();
            return JSON.readTree(reply.getText());
        } finally {
            connection.close();
        }
    }

    /** STOMP 1.2 frames over a plain socket, as the smallest STOMP client would send them. */
    private static final class Stomp implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        /** After an ERROR frame the broker closes the connection (STOMP 1.2), so there is nothing to disconnect. */
        private boolean closedByBroker;

        private Stomp(Socket socket) throws IOException {
            this.socket = socket;
            this.socket.setSoTimeout(30_000);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        static Stomp connect(String user) throws IOException {
            Stomp stomp = new Stomp(new Socket("127.0.0.1", PORT));
            stomp.frame("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nlogin:" + user + "\npasscode:demo\n\n");
            String connected = stomp.nextFrame();
            assertThat(connected).as("STOMP login as " + user).startsWith("CONNECTED");
            return stomp;
        }

        void send(String queue, String body, String claimedSender) throws IOException {
            String claim = claimedSender == null ? "" : SENDER_PROPERTY + ":" + claimedSender + "\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            frame("SEND\ndestination:" + queue + "\ndestination-type:ANYCAST\ncontent-type:application/xml\n"
                    + claim + "receipt:sent\n\n" + body);
            assertThat(nextFrame()).as("the broker's receipt for " + bytes.length + " bytes").startsWith("RECEIPT");
        }

        void subscribe(String queue) throws IOException {
            frame("SUBSCRIBE\nid:0\ndestination:" + queue + "\nsubscription-type:ANYCAST\nack:auto\n\n");
        }

        /** The next frame, without its NUL; heart-beat newlines are skipped. */
        String nextFrame() throws IOException {
            StringBuilder frame = new StringBuilder();
            int b;
            while ((b = in.read()) == '\n' || b == '\r') {
                // heart-beat
            }
            while (b != -1 && b != 0) {
                frame.append((char) b);
                b = in.read();
            }
            String text = new String(frame.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            closedByBroker |= text.startsWith("ERROR");
            return text;
        }

        private void frame(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                if (!closedByBroker) {
                    frame("DISCONNECT\n\n");
                }
            } finally {
                socket.close();
            }
        }
    }

}
