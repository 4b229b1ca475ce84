package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;

class EmbeddedBrokerRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext startBroker() {
        return new SpringApplicationBuilder(BrokerTestConfiguration.class)
                .web(WebApplicationType.NONE)
                .run(BrokerTestConfiguration.arguments(dataDir, BrokerTestConfiguration.freePort()));
    }

    @Test
    void acceptedMessageSurvivesABrokerRestartOnTheSameDataDirectory() throws Exception {
        try (ConfigurableApplicationContext first = startBroker()) {
            first.getBean(JmsTemplate.class).convertAndSend(BrokerAddresses.NOTIFICATIONS, "<kept/>");
        }

        try (ConfigurableApplicationContext second = startBroker()) {
            TextMessage received = (TextMessage) second.getBean(JmsTemplate.class).receive(BrokerAddresses.NOTIFICATIONS);
            assertThat(received).isNotNull();
            assertThat(received.getText()).isEqualTo("<kept/>");
        }
        assertThat(dataDir.resolve("artemis/journal")).isDirectoryContaining("glob:**.amq");
    }
}
