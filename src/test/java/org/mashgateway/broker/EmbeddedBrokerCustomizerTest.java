package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerCustomizerTest {

    @TempDir
    Path dataDir;

    private Configuration customized(boolean listen) {
        BrokerProperties properties =
                new BrokerProperties(listen, "127.0.0.1", 61616, 5, Duration.ofSeconds(1), Duration.ofSeconds(30));
        Configuration configuration = new ConfigurationImpl();
        new EmbeddedBrokerCustomizer(properties, FixedDirectory.demo(), dataDir, Duration.ofDays(90)).customize(configuration);
        return configuration;
    }

    @Test
    void journalLivesUnderTheDataDirectoryWithTheShortBufferTimeout() {
        Configuration configuration = customized(true);
        assertThat(configuration.getJournalDirectory()).isEqualTo(dataDir.resolve("artemis/journal").toString());
        assertThat(configuration.getBindingsDirectory()).isEqualTo(dataDir.resolve("artemis/bindings").toString());
        assertThat(configuration.getLargeMessagesDirectory()).isEqualTo(dataDir.resolve("artemis/large-messages").toString());
        assertThat(configuration.getPagingDirectory()).isEqualTo(dataDir.resolve("artemis/paging").toString());
        assertThat(configuration.getJournalBufferTimeout_NIO()).isEqualTo(200_000);
        assertThat(configuration.isSecurityEnabled()).isTrue();
        assertThat(configuration.isPopulateValidatedUser()).isTrue();
    }

    @Test
    void theJournalIsForcedToDiskBeforeASendOrCommitReturnsWhateverItWasGiven() {
        BrokerProperties properties =
                new BrokerProperties(false, "127.0.0.1", 61616, 5, Duration.ofSeconds(1), Duration.ofSeconds(30));
        Configuration configuration = new ConfigurationImpl()
                .setJournalSyncTransactional(false)
                .setJournalSyncNonTransactional(false);
        new EmbeddedBrokerCustomizer(properties, FixedDirectory.demo(), dataDir, Duration.ofDays(90)).customize(configuration);
        assertThat(configuration.isJournalSyncTransactional()).isTrue();
        assertThat(configuration.isJournalSyncNonTransactional()).isTrue();
    }

    @Test
    void declaresTheContractQueuesAndOneQueuePerQueueChannelAgencyOnly() {
        assertThat(customized(true).getAddressConfigurations())
                .extracting(CoreAddressConfiguration::getName)
                .contains("mash.in.notifications", "mash.in.information-requests", "mash.in.information-responses",
                        "mash.in.acknowledgements", "mash.out.casework", "mash.quarantine", "mash.dlq",
                        "mash.out.agency.HEALTH1", "mash.out.agency.PROB1", "mash.reply.DERBYS")
                .doesNotContain("mash.out.agency.CSC");
    }

    @Test
    void inboundMessagesAreRedeliveredFiveTimesWithBackOffThenQuarantined() {
        AddressSettings inbound = customized(true).getAddressSettings().get("mash.in.#");
        assertThat(inbound.getMaxDeliveryAttempts()).isEqualTo(5);
        assertThat(inbound.getRedeliveryDelay()).isEqualTo(1000);
        assertThat(inbound.getRedeliveryMultiplier()).isEqualTo(2.0);
        assertThat(inbound.getMaxRedeliveryDelay()).isEqualTo(30_000);
        assertThat(inbound.getDeadLetterAddress().toString()).isEqualTo("mash.quarantine");
        assertThat(inbound.isAutoCreateDeadLetterResources()).isFalse();
        AddressSettings all = customized(true).getAddressSettings().get("mash.#");
        assertThat(all.getDeadLetterAddress().toString()).isEqualTo("mash.dlq");
        assertThat(all.isAutoDeleteQueues()).isFalse();
    }

    @Test
    void partnerListenerOnlyWhenListening() {
        assertThat(customized(true).getAcceptorConfigurations())
                .anySatisfy(acceptor -> {
                    assertThat(acceptor.getName()).isEqualTo("partners");
                    assertThat(acceptor.getParams()).containsEntry("host", "127.0.0.1").containsEntry("port", 61616);
                });
        assertThat(customized(false).getAcceptorConfigurations()).isEmpty();
    }
}
