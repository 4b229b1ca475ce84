package org.mashgateway.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Channel;
import org.mashgateway.directory.Directory;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;

/**
 * Shapes the embedded broker for the gateway: journal under {@code mash.data-dir}, the contract's
 * queues declared up front, redelivery and dead-lettering of inbound messages, and the partner
 * listener. Spring Boot applies it to the configuration it builds before the broker starts.
 */
final class EmbeddedBrokerCustomizer implements ArtemisConfigurationCustomizer {

    /** Listener name; also how tests and the banner recognise it. */
    static final String PARTNER_ACCEPTOR = "partners";

    /**
     * NIO journal buffer flush timeout. The default (3.33 ms) caps one synchronous sender near
     * 290 msg/s on machines without libaio; 200 µs measured ~2,400 msg/s (PITFALLS.md).
     */
    static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 200_000;

    private final BrokerProperties properties;
    private final Directory directory;
    private final Path artemisDirectory;
    private final Duration keptCopiesExpire;

    /**
     * @param keptCopiesExpire how long the quarantine's and the dead-letter queue's messages are kept
     *     before the broker drops them ({@code mash.retention.broker-copies})
     */
    EmbeddedBrokerCustomizer(BrokerProperties properties, Directory directory, Path dataDirectory, Duration keptCopiesExpire) {
        this.properties = properties;
        this.directory = directory;
        this.artemisDirectory = dataDirectory.resolve("artemis");
        this.keptCopiesExpire = keptCopiesExpire;
    }

    @Override
    public void customize(Configuration configuration) {
        placeJournal(configuration);
        declareQueues(configuration);
        configureAddressRules(configuration);
        // The gateway checks who sent a queue message against the document's claimed sender;
        // the broker stamps the authenticated user, overwriting anything a client set, on every
        // protocol (populate-validated-user does not reach an AMQP message's own properties).
        configuration.setPopulateValidatedUser(true);
        configuration.registerBrokerPlugin(new AuthenticatedSenderStamp());
        configuration.setSecurityEnabled(true);
        if (properties.listen()) {
            configuration.addAcceptorConfiguration(partnerAcceptor());
        }
    }

    private void placeJournal(Configuration configuration) {
        configuration.setJournalType(JournalType.NIO);
        configuration.setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS);
        // Artemis's defaults, stated: a send or commit returns only once the journal is forced to
        // disk, so a committed message survives a kill and a power cut (decision 0009).
        configuration.setJournalSyncTransactional(true);
        configuration.setJournalSyncNonTransactional(true);
        configuration.setJournalDirectory(artemisDirectory.resolve("journal").toString());
        configuration.setBindingsDirectory(artemisDirectory.resolve("bindings").toString());
        configuration.setLargeMessagesDirectory(artemisDirectory.resolve("large-messages").toString());
        configuration.setPagingDirectory(artemisDirectory.resolve("paging").toString());
        configuration.setNodeManagerLockDirectory(artemisDirectory.resolve("journal").toString());
    }

    private void declareQueues(Configuration configuration) {
        for (String address : queueNames()) {
            configuration.addAddressConfiguration(new CoreAddressConfiguration()
                    .setName(address)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(address)
                            .setAddress(address)
                            .setRoutingType(RoutingType.ANYCAST)
                            .setDurable(true)));
        }
    }

    /** Every queue the broker declares at start: the contract's, one per QUEUE agency, one reply queue per partner. */
    List<String> queueNames() {
        Set<String> names = new LinkedHashSet<>(List.of(
                BrokerAddresses.NOTIFICATIONS,
                BrokerAddresses.INFORMATION_REQUESTS,
                BrokerAddresses.INFORMATION_RESPONSES,
                BrokerAddresses.ACKNOWLEDGEMENTS,
                BrokerAddresses.CASEWORK,
                BrokerAddresses.QUARANTINE,
                BrokerAddresses.DEAD_LETTERS));
        for (Agency agency : directory.agencies()) {
            if (agency.channel() == Channel.QUEUE) {
                names.add(BrokerAddresses.agencyQueue(agency.code()));
            }
        }
        directory.forces().forEach(force -> names.add(BrokerAddresses.replyQueue(force.code())));
        directory.caseSystems().forEach(system -> names.add(BrokerAddresses.replyQueue(system.code())));
        directory.agencies().forEach(agency -> names.add(BrokerAddresses.replyQueue(agency.code())));
        return new ArrayList<>(names);
    }

    private void configureAddressRules(Configuration configuration) {
        SimpleString deadLetters = SimpleString.of(BrokerAddresses.DEAD_LETTERS);
        // Only the gateway's internal user may create addresses and queues (PartnerRights gives
        // partners no CREATE right), so for partners an unknown mash.* address is refused. For
        // the gateway it is created and kept: Artemis would otherwise drop a message to a
        // missing address without an error. That is also how an agency switched to the QUEUE
        // channel while running gets its queue on the first send. Nothing under mash.* is
        // dropped after too many deliveries either: it goes to the dead-letter queue.
        configuration.addAddressSetting(BrokerAddresses.ALL_MATCH, new AddressSettings()
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setAutoDeleteAddresses(false)
                .setAutoDeleteQueues(false)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setDeadLetterAddress(deadLetters)
                .setAutoCreateDeadLetterResources(false));
        // The broker is the single retry authority for JMS input (STYLE.md). Input that still makes
        // a route fail after its retries is poison: it goes to the quarantine with the refused
        // documents (quality.md), while mash.dlq is kept for deliveries that exhausted theirs.
        configuration.addAddressSetting(BrokerAddresses.INBOUND_MATCH, new AddressSettings()
                .setMaxDeliveryAttempts(properties.maxDeliveryAttempts())
                .setRedeliveryDelay(properties.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(properties.maxRedeliveryDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(BrokerAddresses.QUARANTINE))
                .setAutoCreateDeadLetterResources(false));
        // What reached the dead-letter or quarantine queue stays there until someone acts on it, or
        // until its retention ends: then the broker drops it (no expiry address), so that a failed
        // delivery's protected mail or a poison input message is not kept forever.
        AddressSettings keptUntilRetentionEnds = new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setExpiryDelay(keptCopiesExpire.toMillis());
        configuration.addAddressSetting(BrokerAddresses.DEAD_LETTERS, keptUntilRetentionEnds);
        configuration.addAddressSetting(BrokerAddresses.QUARANTINE, keptUntilRetentionEnds);
    }

    private TransportConfiguration partnerAcceptor() {
        // No "protocols" parameter: the acceptor speaks every protocol module on the classpath.
        return new TransportConfiguration(
                NettyAcceptorFactory.class.getName(),
                Map.of(TransportConstants.HOST_PROP_NAME, properties.host(),
                        TransportConstants.PORT_PROP_NAME, properties.port()),
                PARTNER_ACCEPTOR);
    }
}
