package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.ExternalBroker;

/**
 * The example configuration of an external broker ({@code src/test/resources/external-broker/},
 * the one docs/operations.md tells operators to start from) gives each partner exactly the rights
 * the embedded broker gives it ({@link PartnerRights}): tried over TCP, as each partner's user, on
 * the broker in its own JVM. A right too many here would be copied into production.
 */
class ExternalBrokerRightsTest {

    private static ExternalBroker broker;

    @BeforeAll
    static void start() throws JMSException {
        broker = new ExternalBroker(Path.of("target", "test-data", "broker-rights-" + UUID.randomUUID())
                .toAbsolutePath(), 5).start();
        // The gateway makes an agency's queue at its first delivery; here, two agencies' queues.
        try (Connection gateway = connect(ExternalBroker.GATEWAY_USER)) {
            Session session = gateway.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : new String[] {"mash.out.agency.HEALTH", "mash.out.agency.CSC", "mash.reply.DERBYS",
                    "mash.reply.MASH", "mash.reply.HEALTH"}) {
                session.createProducer(session.createQueue(queue)).send(session.createTextMessage("<made-up/>"));
            }
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void a_force_sends_notifications_and_reads_its_own_reply_queue_only() throws JMSException {
        assertRights("DERBYS",
                "send mash.in.notifications", true,
                "send mash.in.information-requests", false,
                "send mash.in.information-responses", false,
                "send mash.out.casework", false,
                "consume mash.reply.DERBYS", true,
                "consume mash.reply.MASH", false,
                "consume mash.in.notifications", false,
                "consume mash.out.casework", false,
                "consume mash.out.agency.HEALTH", false,
                "consume mash.quarantine", false);
    }

    @Test
    void the_case_system_sends_requests_and_reads_casework_and_its_reply_queue_only() throws JMSException {
        assertRights("MASH",
                "send mash.in.information-requests", true,
                "send mash.in.notifications", false,
                "send mash.in.acknowledgements", false,
                "send mash.out.casework", false,
                "consume mash.out.casework", true,
                "consume mash.reply.MASH", true,
                "consume mash.reply.DERBYS", false,
                "consume mash.out.agency.HEALTH", false,
                "consume mash.in.information-requests", false,
                "consume mash.dlq", false);
    }

    @Test
    void an_agency_sends_responses_and_acknowledgements_and_reads_its_own_queues_only() throws JMSException {
        assertRights("HEALTH",
                "send mash.in.information-responses", true,
                "send mash.in.acknowledgements", true,
                "send mash.in.notifications", false,
                "send mash.in.information-requests", false,
                "send mash.out.agency.CSC", false,
                "consume mash.out.agency.HEALTH", true,
                "consume mash.reply.HEALTH", true,
                "consume mash.out.agency.CSC", false,
                "consume mash.out.casework", false,
                "consume mash.in.information-responses", false);
    }

    @Test
    void no_partner_may_make_a_queue_of_its_own_or_ask_the_management_api() throws JMSException {
        for (String partner : ExternalBroker.PARTNER_USERS) {
            assertRights(partner,
                    "send mash.in.somewhere-new", false,
                    "consume mash.out.agency.NEW", false,
                    "send activemq.management", false);
        }
    }

    /**
     * Tries each action ("send &lt;queue&gt;" or "consume &lt;queue&gt;") as {@code user} and checks that
     * the broker allowed exactly the ones marked true.
     */
    private static void assertRights(String user, Object... actionsAndOutcomes) throws JMSException {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (int i = 0; i < actionsAndOutcomes.length; i += 2) {
            expected.put((String) actionsAndOutcomes[i], (Boolean) actionsAndOutcomes[i + 1]);
        }
        Map<String, Boolean> allowed = new LinkedHashMap<>();
        try (Connection connection = connect(user)) {
            for (String action : expected.keySet()) {
                allowed.put(action, tries(connection, action));
            }
        }
        assertThat(allowed).as("what the broker let " + user + " do").containsExactlyEntriesOf(expected);
    }

    /** True if the broker allowed it; false if it refused it as not permitted; anything else fails. */
    private static boolean tries(Connection connection, String action) throws JMSException {
        String[] verbAndQueue = action.split(" ");
        try (Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE)) {
            if (verbAndQueue[0].equals("send")) {
                MessageProducer producer = session.createProducer(session.createQueue(verbAndQueue[1]));
                producer.send(session.createTextMessage("<made-up/>"));
            } else {
                // Opened and closed again without receiving: the queue keeps its messages.
                MessageConsumer consumer = session.createConsumer(session.createQueue(verbAndQueue[1]));
                consumer.close();
            }
            return true;
        } catch (JMSSecurityException notPermitted) {
            return false;
        }
    }

    private static Connection connect(String user) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(broker.url(), user, broker.password()).createConnection();
        connection.start();
        return connection;
    }
}
