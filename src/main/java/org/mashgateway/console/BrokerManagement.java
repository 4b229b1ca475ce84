package org.mashgateway.console;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.json.JsonArray;
import org.apache.activemq.artemis.json.JsonNumber;
import org.apache.activemq.artemis.json.JsonObject;
import org.apache.activemq.artemis.json.JsonString;
import org.apache.activemq.artemis.json.JsonValue;
import org.apache.activemq.artemis.utils.JsonLoader;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.broker.MessageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * An external broker's management API, asked over the gateway's own connection: a request message
 * to the broker's management address, the answer on a temporary queue. The gateway's broker user
 * needs the {@code manage} right on that address, {@code createNonDurableQueue} and
 * {@code consume} on its temporary queues (docs/operations.md). Nothing here throws: a broker that
 * does not answer, or refuses, gives an unknown (empty) answer, which the console shows as such.
 */
@Component
class BrokerManagement {

    /** Artemis's default management address; a broker.xml that moves it must move it here too. */
    static final String MANAGEMENT_ADDRESS = "activemq.management";

    private static final Logger log = LoggerFactory.getLogger(BrokerManagement.class);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final String QUARANTINE = ResourceNames.QUEUE + BrokerAddresses.QUARANTINE;
    /** The filter of {@code listQueues}: the contract's queues and the partners' all start {@code mash.}. */
    private static final String QUEUES_OF_THE_GATEWAY = "{\"field\":\"name\",\"operation\":\"CONTAINS\",\"value\":\"mash.\"}";
    /** Queues listed in one answer: the contract's, and a reply and agency queue per partner. */
    private static final int LISTED_QUEUES = 5_000;

    private final ObjectProvider<ConnectionFactory> connections;

    BrokerManagement(ObjectProvider<ConnectionFactory> connections) {
        this.connections = connections;
    }

    /** Whether the broker answers a management request at all. */
    boolean answers() {
        return ask(QUARANTINE, "messageCount", true).isPresent();
    }

    /**
     * Messages waiting on every queue whose name starts {@code mash.}, by name, in one request (the
     * broker's {@code listQueues}); empty when the broker gives no answer.
     */
    Optional<Map<String, Long>> messageCounts() {
        return ask(ResourceNames.BROKER, "listQueues", false, QUEUES_OF_THE_GATEWAY, 1, LISTED_QUEUES).map(listed -> {
            Map<String, Long> counts = new HashMap<>();
            JsonArray queues = JsonLoader.readObject(new StringReader((String) listed)).getJsonArray("data");
            for (int i = 0; i < queues.size(); i++) {
                JsonObject queue = queues.getJsonObject(i);
                if (queue.getString("name").startsWith("mash.")) {
                    counts.put(queue.getString("name"), number(queue.get("messageCount")));
                }
            }
            return counts;
        });
    }

    /** The quarantine's messages by their properties, oldest first, at most {@code limit}. */
    List<BrokerQueues.Quarantined> quarantined(int limit) {
        List<BrokerQueues.Quarantined> found = new ArrayList<>();
        Optional<Object> listed = ask(QUARANTINE, "listMessagesAsJSON", false, "");
        if (listed.isEmpty()) {
            return found;
        }
        JsonArray messages = JsonLoader.readArray(new StringReader((String) listed.get()));
        for (int i = 0; i < messages.size() && found.size() < limit; i++) {
            JsonObject message = messages.getJsonObject(i);
            found.add(BrokerQueues.describe(message.getJsonNumber("messageID").longValue(),
                    message.getJsonNumber("timestamp").longValue(),
                    text(message, org.apache.activemq.artemis.api.core.Message.HDR_ORIGINAL_ADDRESS.toString()),
                    text(message, MessageProperties.DOCUMENT_TYPE),
                    text(message, MessageProperties.REASON_CODE)));
        }
        return found;
    }

    /** Moves one quarantined message, properties unchanged, to {@code queue}. */
    boolean move(long messageId, String queue) {
        return ask(QUARANTINE, "moveMessage", false, messageId, queue)
                .map(Boolean.TRUE::equals).orElse(false);
    }

    boolean remove(long messageId) {
        return ask(QUARANTINE, "removeMessage", false, messageId)
                .map(Boolean.TRUE::equals).orElse(false);
    }

    /** A count as the broker's version writes it: a JSON number or a string of digits. */
    private static long number(JsonValue value) {
        return value instanceof JsonString text ? Long.parseLong(text.getString()) : ((JsonNumber) value).longValue();
    }

    private static String text(JsonObject message, String name) {
        return message.containsKey(name) && !message.isNull(name) ? message.getString(name) : null;
    }

    /**
     * An attribute of, or an operation on, one resource's control ({@code queue.<name>}, {@code broker});
     * empty when the broker gives no answer.
     */
    private Optional<Object> ask(String resource, String name, boolean attribute, Object... arguments) {
        ConnectionFactory factory = connections.getIfAvailable();
        if (factory == null) {
            return Optional.empty();
        }
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue answers = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                    MessageConsumer consumer = session.createConsumer(answers)) {
                connection.start();
                Message request = session.createMessage();
                if (attribute) {
                    JMSManagementHelper.putAttribute(request, resource, name);
                } else {
                    JMSManagementHelper.putOperationInvocation(request, resource, name, arguments);
                }
                request.setJMSReplyTo(answers);
                producer.send(request);
                Message answer = consumer.receive(ANSWER_WITHIN.toMillis());
                if (answer == null || !JMSManagementHelper.hasOperationSucceeded(answer)) {
                    log.warn("The broker did not answer the console's request for {} of {}", name, resource);
                    return Optional.empty();
                }
                return Optional.ofNullable(JMSManagementHelper.getResult(answer));
            } finally {
                answers.delete();
            }
        } catch (Exception e) {
            // The class only: a broker's message may quote what it was sent.
            log.warn("The broker's management API could not be asked for {} of {} ({})", name, resource,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
