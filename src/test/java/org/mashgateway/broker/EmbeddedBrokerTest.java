package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// Dirtied after the class: the broker must stop before JUnit deletes its data directory.
@DirtiesContext
@SpringBootTest(classes = BrokerTestConfiguration.class)
class EmbeddedBrokerTest {

    @TempDir
    static Path dataDir;

    static final int PORT = BrokerTestConfiguration.freePort();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        BrokerTestConfiguration.properties(dataDir, PORT).forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JmsTemplate jms;

    @Autowired
    ConnectionFactory gatewayConnections;

    private Connection partner;

    @AfterEach
    void closePartner() throws JMSException {
        if (partner != null) {
            partner.close();
        }
    }

    private Session partnerSession(String user, String password) throws JMSException {
        partner = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + PORT).createConnection(user, password);
        partner.start();
        return partner.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private static String marker() {
        return UUID.randomUUID().toString();
    }

    private Message receiveInVm(String queue, String marker) {
        return jms.receiveSelected(queue, "JMSCorrelationID = '" + marker + "'");
    }

    @Test
    void messageSentOverTheInVmConnectionToNotificationsIsReceived() throws JMSException {
        String marker = marker();
        jms.send(BrokerAddresses.NOTIFICATIONS, session -> {
            TextMessage message = session.createTextMessage("<DomesticAbuseNotification/>");
            message.setJMSCorrelationID(marker);
            return message;
        });

        Message received = receiveInVm(BrokerAddresses.NOTIFICATIONS, marker);

        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("<DomesticAbuseNotification/>");
    }

    @Test
    void forceSendsANotificationOverTcpAndTheBrokerStampsItsUserOverAnyClaimedOne() throws JMSException {
        String marker = marker();
        Session session = partnerSession("DERBYS", "demo");
        MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS));
        TextMessage sent = session.createTextMessage("<DomesticAbuseNotification/>");
        sent.setJMSCorrelationID(marker);
        sent.setStringProperty("_AMQ_VALIDATED_USER", "MASH");
        producer.send(sent);

        Message received = receiveInVm(BrokerAddresses.NOTIFICATIONS, marker);

        assertThat(received).isNotNull();
        assertThat(received.getStringProperty("_AMQ_VALIDATED_USER")).isEqualTo("DERBYS");
    }

    @Test
    void forceIsRefusedSendingToCasework() throws JMSException {
        Session session = partnerSession("DERBYS", "demo");
        MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.CASEWORK));

        assertThatThrownBy(() -> producer.send(session.createTextMessage("<x/>")))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void forceIsRefusedConsumingAnAgencyQueue() throws JMSException {
        Session session = partnerSession("DERBYS", "demo");

        assertThatThrownBy(() -> session.createConsumer(session.createQueue(BrokerAddresses.agencyQueue("HEALTH1"))))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void agencyConsumesItsOwnQueueButIsRefusedAnotherAgencysQueue() throws JMSException {
        String marker = marker();
        jms.send(BrokerAddresses.agencyQueue("HEALTH1"), s -> {
            Message message = s.createBytesMessage();
            message.setJMSCorrelationID(marker);
            return message;
        });
        Session session = partnerSession("HEALTH1", "demo");

        MessageConsumer own = session.createConsumer(
                session.createQueue(BrokerAddresses.agencyQueue("HEALTH1")), "JMSCorrelationID = '" + marker + "'");
        assertThat(own.receive(5000)).isNotNull();
        assertThatThrownBy(() -> session.createConsumer(session.createQueue(BrokerAddresses.agencyQueue("PROB1"))))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> partnerSession("DERBYS", "not-demo")).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void unknownUserWithTheDemoPasswordIsRefused() {
        assertThatThrownBy(() -> partnerSession("NOBODY", "demo")).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void gatewayUserIsRefusedOverTcp() {
        assertThatThrownBy(() -> partnerSession(PartnerSecurityManager.GATEWAY_USER, "demo"))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void inboundMessageRolledBackFiveTimesIsQuarantined() throws JMSException {
        String marker = marker();
        String selector = "JMSCorrelationID = '" + marker + "'";
        jms.send(BrokerAddresses.INFORMATION_RESPONSES, s -> {
            Message message = s.createTextMessage("<InformationResponse/>");
            message.setJMSCorrelationID(marker);
            return message;
        });

        try (Connection connection = gatewayConnections.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer =
                    session.createConsumer(session.createQueue(BrokerAddresses.INFORMATION_RESPONSES), selector);
            int deliveries = 0;
            while (consumer.receive(2000) != null) {
                deliveries++;
                session.rollback();
            }
            consumer.close();
            session.close();
            assertThat(deliveries).isEqualTo(5);
        }

        Message dead = jms.receiveSelected(BrokerAddresses.QUARANTINE, selector);
        assertThat(dead).isNotNull();
        assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(BrokerAddresses.INFORMATION_RESPONSES);
    }

    @Test
    void queueOfAnAgencyAddedWhileRunningIsCreatedOnTheGatewaysFirstSend() throws JMSException {
        String marker = marker();
        String queue = BrokerAddresses.agencyQueue("LATECOMER");
        jms.send(queue, s -> {
            Message message = s.createBytesMessage();
            message.setJMSCorrelationID(marker);
            return message;
        });

        assertThat(receiveInVm(queue, marker)).isNotNull();
    }

    @Test
    void gatewayMessageToAnUnknownMashAddressIsKeptNotDropped() throws JMSException {
        String marker = marker();
        jms.send("mash.in.notificatoins", s -> {
            Message message = s.createTextMessage("<typo/>");
            message.setJMSCorrelationID(marker);
            return message;
        });

        assertThat(receiveInVm("mash.in.notificatoins", marker)).isNotNull();
    }

    @Test
    void partnerCannotCreateAnUnknownMashAddress() throws JMSException {
        Session session = partnerSession("DERBYS", "demo");

        assertThatThrownBy(() -> session.createProducer(session.createQueue("mash.in.unknown"))
                        .send(session.createTextMessage("<x/>")))
                .isInstanceOf(JMSSecurityException.class);
    }
}
