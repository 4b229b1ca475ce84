package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.PartnerQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Partners' queue messages that must never be read the way they ask: a Java-serialized object
 * (CVE-2026-40860 / CVE-2026-43866, Camel's JMS binding deserializing an ObjectMessage), any other
 * message type but text or bytes, and a body far beyond {@code mash.ingress.max-bytes}. Each is
 * quarantined with its reason and nothing more, nothing is stored, and the queue keeps flowing.
 */
class QueueHostileMessagesTest extends GatewayTest {

    private static final int PORT = freePort();
    private static final int FIVE_MB = 5 * 1024 * 1024;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory gatewayConnections;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        partnerListener(registry, PORT);
    }

    /** A queue, its sender's broker user, the table a document from it lands in, and a valid document for it. */
    record Inbound(String queue, String user, String table, String validDocument) {
        @Override
        public String toString() {
            return queue;
        }
    }

    static Stream<Inbound> inboundQueues() throws IOException {
        String request = new String(QueueHostileMessagesTest.class.getResourceAsStream(
                "/samples/information-request.xml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("MASH-REQ-2026-00077", "MASH-REQ-H" + System.nanoTime() % 1_000_000);
        return Stream.of(
                new Inbound(BrokerAddresses.NOTIFICATIONS, "DERBYS", "received_notification",
                        Notifications.notification().xml()),
                new Inbound(BrokerAddresses.INFORMATION_REQUESTS, "MASH", "information_request", request));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundQueues")
    void an_object_message_is_quarantined_without_ever_being_deserialized(Inbound inbound) throws Exception {
        int deserializedBefore = Tripwire.DESERIALIZED.get();
        long storedBefore = rows(inbound.table());
        long quarantinedBefore = quarantinedWith("UNSUPPORTED_MESSAGE_TYPE");

        JsonNode report = sendAs(inbound.user(), inbound.queue(), QueueHostileMessagesTest::tripwire);

        assertThat(Tripwire.DESERIALIZED.get()).as("readObject ran in the gateway").isEqualTo(deserializedBefore);
        assertThat(report.path("status").asText()).isEqualTo("REJECTED");
        assertThat(report.path("reasonCode").asText()).isEqualTo("UNSUPPORTED_MESSAGE_TYPE");
        assertThat(report.path("httpEquivalent").asInt()).isEqualTo(415);
        assertOnlyTheReasonIsQuarantined("UNSUPPORTED_MESSAGE_TYPE", quarantinedBefore);
        assertThat(rows(inbound.table())).isEqualTo(storedBefore);
        assertTheQueueStillFlows(inbound);
        assertThat(Tripwire.DESERIALIZED.get()).as("readObject ran in the gateway").isEqualTo(deserializedBefore);
    }

    static Stream<Arguments> otherMessageTypes() {
        return Stream.of(
                Arguments.of("MapMessage", (Function<Session, Message>) session -> map(session)),
                Arguments.of("StreamMessage", (Function<Session, Message>) session -> stream(session)),
                Arguments.of("Message", (Function<Session, Message>) session -> plain(session)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherMessageTypes")
    void a_message_neither_text_nor_bytes_is_quarantined_with_its_reason(String type, Function<Session, Message> make)
            throws Exception {
        long quarantinedBefore = quarantinedWith("UNSUPPORTED_MESSAGE_TYPE");

        JsonNode report = sendAs("DERBYS", BrokerAddresses.NOTIFICATIONS, make);

        assertThat(report.path("reasonCode").asText()).as(type).isEqualTo("UNSUPPORTED_MESSAGE_TYPE");
        assertOnlyTheReasonIsQuarantined("UNSUPPORTED_MESSAGE_TYPE", quarantinedBefore);
    }

    @Test
    void the_gateways_own_connections_refuse_to_deserialize_any_class() throws Exception {
        int deserializedBefore = Tripwire.DESERIALIZED.get();
        try (Connection connection = gatewayConnections.createConnection()) {
            ObjectMessage message = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                    .createObjectMessage(new Tripwire());

            assertThatThrownBy(message::getObject).isInstanceOf(JMSException.class);
        }
        assertThat(Tripwire.DESERIALIZED.get()).as("readObject ran in the gateway").isEqualTo(deserializedBefore);
    }

    static Stream<Arguments> oversizeMessages() {
        byte[] xmlish = ("<DomesticAbuseNotification>" + "x".repeat(FIVE_MB) + "</DomesticAbuseNotification>")
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("BytesMessage", (Function<Session, Message>) session -> bytes(session, xmlish)),
                Arguments.of("TextMessage", (Function<Session, Message>) session -> text(session,
                        new String(xmlish, StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizeMessages")
    void a_five_megabyte_message_is_refused_on_its_size_and_its_body_is_not_kept(String type,
            Function<Session, Message> make) throws Exception {
        Inbound notifications = inboundQueues().findFirst().orElseThrow();
        long storedBefore = rows(notifications.table());
        long quarantinedBefore = quarantinedWith("TOO_LARGE");

        JsonNode report = sendAs("DERBYS", BrokerAddresses.NOTIFICATIONS, make);

        assertThat(report.path("status").asText()).as(type).isEqualTo("REJECTED");
        assertThat(report.path("reasonCode").asText()).as(type).isEqualTo("TOO_LARGE");
        assertThat(report.path("httpEquivalent").asInt()).as(type).isEqualTo(413);
        assertOnlyTheReasonIsQuarantined("TOO_LARGE", quarantinedBefore);
        assertThat(rows(notifications.table())).isEqualTo(storedBefore);
        assertTheQueueStillFlows(notifications);
    }

    private void assertTheQueueStillFlows(Inbound inbound) throws Exception {
        JsonNode valid = sendAs(inbound.user(), inbound.queue(), session -> text(session, inbound.validDocument()));
        assertThat(valid.path("status").asText()).as("a valid document after it").isEqualTo("ACCEPTED");
    }

    /** The newest quarantined copy with this reason: a bytes message holding nothing but its reason and intake. */
    private void assertOnlyTheReasonIsQuarantined(String reasonCode, long quarantinedBefore) throws Exception {
        List<Message> copies = quarantined(reasonCode);
        for (int attempt = 0; attempt < 50 && copies.size() == quarantinedBefore; attempt++) {
            sleep();
            copies = quarantined(reasonCode);
        }
        assertThat(copies).hasSize((int) quarantinedBefore + 1);
        Message copy = copies.get(copies.size() - 1);
        assertThat(copy).isInstanceOf(BytesMessage.class);
        assertThat(((BytesMessage) copy).getBodyLength()).as("bytes of the refused body kept").isZero();
        assertThat(Collections.list(copy.getPropertyNames())).as("properties of the quarantined copy")
                .filteredOn(name -> ((String) name).startsWith("Mash"))
                .containsExactlyInAnyOrder("MashReasonCode", "MashDocumentType");
    }

    private List<Message> quarantined(String reasonCode) throws JMSException {
        try (Connection connection = gatewayConnections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Enumeration<?> browsed = session.createBrowser(session.createQueue(BrokerAddresses.QUARANTINE),
                    "MashReasonCode = '" + reasonCode + "'").getEnumeration();
            List<Message> copies = new ArrayList<>();
            while (browsed.hasMoreElements()) {
                copies.add((Message) browsed.nextElement());
            }
            return copies;
        }
    }

    private long quarantinedWith(String reasonCode) throws JMSException {
        return quarantined(reasonCode).size();
    }

    private long rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** Sends as a partner's broker user over TCP, asking for a report, and returns the report. */
    private static JsonNode sendAs(String user, String queue, Function<Session, Message> make)
            throws JMSException, IOException {
        return PartnerQueue.report(PORT, user, queue, make);
    }

    private static ObjectMessage tripwire(Session session) {
        try {
            return session.createObjectMessage(new Tripwire());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TextMessage text(Session session, String text) {
        return PartnerQueue.text(session, text);
    }

    private static BytesMessage bytes(Session session, byte[] body) {
        try {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MapMessage map(Session session) {
        try {
            MapMessage message = session.createMapMessage();
            message.setString("document", "<DomesticAbuseNotification/>");
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StreamMessage stream(Session session) {
        try {
            StreamMessage message = session.createStreamMessage();
            message.writeString("<DomesticAbuseNotification/>");
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Message plain(Session session) {
        try {
            return session.createMessage();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partner's payload whose deserialization, if it ever happened in the gateway, would be counted. */
    static final class Tripwire implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        static final AtomicInteger DESERIALIZED = new AtomicInteger();

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            DESERIALIZED.incrementAndGet();
            in.defaultReadObject();
        }
    }
}
