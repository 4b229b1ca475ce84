package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashgateway.delivery.DeliveryFixtures.agencyShare;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a mail outage, what was waiting out a long back-off goes as soon as the mail server is
 * seen working again, not when its back-off ends.
 */
class MailOutageRecoveryTest extends GatewayTest {

    private static final int SMTP_PORT = freePort();
    private static GreenMail smtp;

    @Autowired
    Deliveries deliveries;

    @Autowired
    PlatformTransactionManager transactions;

    @DynamicPropertySource
    static void slowRetries(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.smtp.connect-timeout", () -> "PT1S");
        registry.add("mash.delivery.initial-backoff", () -> "PT5M");
    }

    @AfterAll
    static void stopMailServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void deliveries_backed_off_during_an_outage_go_as_soon_as_a_later_one_gets_through() {
        RecipientShare duringOutage = agencyShare("CSC", Notifications.freshId("DERBYS"));
        schedule(duringOutage);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            DeliveryState state = deliveries.byOutputReference(duringOutage.reference()).orElseThrow();
            assertThat(state.attempts()).isEqualTo(1);
            assertThat(state.reasonCode()).isEqualTo("SMTP_UNAVAILABLE");
        });

        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RecipientShare afterRecovery = agencyShare("HEALTH", Notifications.freshId("DERBYS"));
        schedule(afterRecovery);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(List.of(duringOutage, afterRecovery))
                .allSatisfy(share -> assertThat(deliveries.byOutputReference(share.reference()).orElseThrow().status())
                        .isEqualTo(DeliveryStatus.SENT)));
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    private void schedule(RecipientShare share) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> deliveries.schedule(
                DeliveryFixtures.reference(), "DERBYS", DeliveryFixtures.plan(List.of(share))));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
