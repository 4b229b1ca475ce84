package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.MashGatewayApplication;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A 202 means persisted: the notification is still there, readable, after the gateway restarts. */
class AcceptanceSurvivesRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void an_accepted_notification_is_still_held_after_a_restart() {
        Notifications notification = Notifications.notification().victim("Siân", "Ní Bhriain", "1989-12-31");
        String reference;
        try (ConfigurableApplicationContext gateway = start()) {
            Answer answer = GatewayClient.as("police-DERBYS", port(gateway)).postXml("/api/v1/notifications",
                    notification.xml());
            assertThat(answer.status()).isEqualTo(202);
            reference = answer.json().path("reference").asText();
        }

        try (ConfigurableApplicationContext restarted = start()) {
            byte[] body = restarted.getBean(MessageStore.class).get(reference).orElseThrow();
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(notification.xml());
            Answer resend = GatewayClient.as("police-DERBYS", port(restarted)).postXml("/api/v1/notifications",
                    notification.xml());
            assertThat(resend.status()).isEqualTo(200);
            assertThat(resend.json().path("reference").asText()).isEqualTo(reference);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MashGatewayApplication.class)
                .profiles("demo", "test")
                .run("--server.port=0", "--mash.data-dir=" + dataDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
