package org.mashgateway.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.postoffice.Binding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.broker.MessageProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The broker's queues as the console sees them: depths, and the quarantine's messages by their
 * properties (never their bodies), released to the inbound queue they came from or discarded.
 * The embedded broker is looked into directly; an external broker (production) through its
 * management API over the gateway's own connection ({@link BrokerManagement}). When that broker
 * does not answer, every depth is unknown.
 */
@Service
class BrokerQueues {

    /** The queues the dashboard shows, in this order. */
    static final List<String> WATCHED = List.of(
            BrokerAddresses.NOTIFICATIONS,
            BrokerAddresses.INFORMATION_REQUESTS,
            BrokerAddresses.INFORMATION_RESPONSES,
            BrokerAddresses.ACKNOWLEDGEMENTS,
            BrokerAddresses.CASEWORK,
            BrokerAddresses.QUARANTINE,
            BrokerAddresses.DEAD_LETTERS);

    /** The reason shown for a message the broker moved after its redeliveries ran out. */
    static final String REDELIVERIES_EXHAUSTED = "REDELIVERIES_EXHAUSTED";

    private static final String INBOUND_PREFIX = "mash.in.";
    private static final int BROWSE_LIMIT = 500;

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final BrokerManagement external;

    BrokerQueues(ObjectProvider<EmbeddedActiveMQ> embedded, BrokerManagement external) {
        this.embedded = embedded;
        this.external = external;
    }

    /**
     * One quarantined message by its properties.
     *
     * @param originalAddress the inbound queue it was taken from, when the broker moved it there
     *     (then it carries its original sender and can be released); null when the intake refused it
     * @param documentType the intake's name for what it was sent as, when the intake refused it
     */
    record Quarantined(long messageId, Instant at, String originalAddress, String documentType, String reasonCode) {

        public boolean releasable() {
            return originalAddress != null && originalAddress.startsWith(INBOUND_PREFIX);
        }
    }

    /** Whether the console can see into the broker now: the embedded one, or an external one that answers. */
    boolean visible() {
        return server().isPresent() || (externalBroker() && external.answers());
    }

    /** Messages waiting on each watched queue; a null depth is unknown. */
    Map<String, Long> depths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        Optional<ActiveMQServer> server = server();
        // An external broker is asked once for every queue, not once per queue.
        Map<String, Long> counted = externalBroker() ? external.messageCounts().orElse(Map.of()) : null;
        for (String name : WATCHED) {
            depths.put(name, counted != null ? counted.get(name)
                    : server.map(s -> s.locateQueue(SimpleString.of(name))).map(Queue::getMessageCount).orElse(null));
        }
        return depths;
    }

    /** The quarantine's messages, oldest first, up to a bound that keeps the page light. */
    List<Quarantined> quarantined() {
        if (externalBroker()) {
            return external.quarantined(BROWSE_LIMIT);
        }
        List<Quarantined> found = new ArrayList<>();
        Optional<Queue> quarantine = quarantine();
        if (quarantine.isEmpty()) {
            return found;
        }
        try (LinkedListIterator<MessageReference> references = quarantine.get().browserIterator()) {
            while (references.hasNext() && found.size() < BROWSE_LIMIT) {
                found.add(describe(references.next().getMessage()));
            }
        }
        return found;
    }

    /** One quarantined message by its id, wherever it is in the queue (beyond the page's bound too). */
    Optional<Quarantined> quarantined(long messageId) {
        if (externalBroker()) {
            return external.quarantined(Integer.MAX_VALUE).stream().filter(m -> m.messageId() == messageId).findFirst();
        }
        Optional<Queue> quarantine = quarantine();
        if (quarantine.isEmpty()) {
            return Optional.empty();
        }
        try (LinkedListIterator<MessageReference> references = quarantine.get().browserIterator()) {
            while (references.hasNext()) {
                Message message = references.next().getMessage();
                if (message.getMessageID() == messageId) {
                    return Optional.of(describe(message));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Moves a quarantined message back to the inbound queue it came from, with its properties (and
     * so its original sender) unchanged: the intake takes it again as if newly sent.
     */
    boolean release(Quarantined message) throws Exception {
        if (!message.releasable()) {
            return false;
        }
        if (externalBroker()) {
            return external.move(message.messageId(), message.originalAddress());
        }
        ActiveMQServer server = server().orElseThrow();
        Binding target = server.getPostOffice().getBinding(SimpleString.of(message.originalAddress()));
        if (target == null) {
            return false;
        }
        return quarantine().orElseThrow().moveReference(message.messageId(), target.getAddress(), target, false);
    }

    boolean discard(Quarantined message) throws Exception {
        if (externalBroker()) {
            return external.remove(message.messageId());
        }
        return quarantine().orElseThrow().deleteReference(message.messageId());
    }

    private Optional<Queue> quarantine() {
        return server().map(s -> s.locateQueue(SimpleString.of(BrokerAddresses.QUARANTINE)));
    }

    /** No broker in this JVM: production's, reached over the network (spring.artemis.mode=native). */
    private boolean externalBroker() {
        return embedded.getIfAvailable() == null;
    }

    private Optional<ActiveMQServer> server() {
        return Optional.ofNullable(embedded.getIfAvailable()).map(EmbeddedActiveMQ::getActiveMQServer)
                .filter(ActiveMQServer::isActive);
    }

    private static Quarantined describe(Message message) {
        return describe(message.getMessageID(), message.getTimestamp(),
                message.getAnnotationString(Message.HDR_ORIGINAL_ADDRESS),
                message.getStringProperty(MessageProperties.DOCUMENT_TYPE),
                message.getStringProperty(MessageProperties.REASON_CODE));
    }

    /** One quarantined message from what either broker tells of it. */
    static Quarantined describe(long messageId, long timestamp, String originalAddress, String documentType,
            String reasonCode) {
        return new Quarantined(messageId, Instant.ofEpochMilli(timestamp), originalAddress, documentType,
                reasonCode != null ? reasonCode : originalAddress != null ? REDELIVERIES_EXHAUSTED : null);
    }
}
