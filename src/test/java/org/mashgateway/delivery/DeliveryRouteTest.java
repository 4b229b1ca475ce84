package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashgateway.delivery.DeliveryFixtures.agencyShare;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The route {@code delivery} on the running gateway, watched with Camel's NotifyBuilder: every
 * attempt is one exchange, an attempt that did not send fails its exchange, and the outbox settles
 * the delivery by the fault: a 4xx is tried again and the 2xx after it sends; a 5xx fails it for good.
 */
class DeliveryRouteTest extends GatewayTest {

    private static final RejectingSmtpServer SMTP = startServer();

    @Autowired
    CamelContext camel;

    @Autowired
    Deliveries deliveries;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.directory", () -> "classpath:delivery/directory.yaml");
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP.port()));
        registry.add("mash.delivery.initial-backoff", () -> "PT0.2S");
    }

    @AfterAll
    static void stopServer() throws IOException {
        SMTP.close();
    }

    @Test
    void an_smtp_4xx_fails_one_exchange_and_the_2xx_after_it_completes_the_next() {
        SMTP.script("451 4.3.0 try again later", "250 2.1.5 OK");
        NotifyBuilder oneFailedThenOneDone = new NotifyBuilder(camel).fromRoute(DeliveryRoute.ID)
                .whenFailed(1).and().whenCompleted(1).create();
        RecipientShare share = agencyShare("CSC", Notifications.freshId("DERBYS"));

        DeliveryFixtures.schedule(transactions, deliveries, share);

        assertThat(oneFailedThenOneDone.matches(30, TimeUnit.SECONDS)).isTrue();
        DeliveryState sent = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(history(share)).containsExactly("ATTEMPT_FAILED SMTP_TEMPORARY_FAILURE", "SENT null");
        assertThat(SMTP.accepted()).isEqualTo(1);
    }

    @Test
    void an_smtp_5xx_fails_the_exchange_and_the_delivery_for_good_after_one_attempt() {
        NotifyBuilder oneFailed = new NotifyBuilder(camel).fromRoute(DeliveryRoute.ID).whenFailed(1).create();
        NotifyBuilder anyDone = new NotifyBuilder(camel).fromRoute(DeliveryRoute.ID).whenCompleted(1).create();
        RecipientShare share = agencyShare("CSC", Notifications.freshId("DERBYS"));

        DeliveryFixtures.schedule(transactions, deliveries, share);

        assertThat(oneFailed.matches(30, TimeUnit.SECONDS)).isTrue();
        DeliveryState failed = DeliveryFixtures.awaitSettled(deliveries, share);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("SMTP_REJECTED");
        assertThat(history(share)).containsExactly("FAILED SMTP_REJECTED");
        assertThat(anyDone.matches(1, TimeUnit.SECONDS)).as("no exchange of the route completed").isFalse();
    }

    private List<String> history(RecipientShare share) {
        return jdbc.query("SELECT e.event, e.reason_code FROM delivery_event e JOIN delivery d ON d.delivery_id = e.delivery_id "
                + "WHERE d.output_reference = ? ORDER BY e.event_id", (rs, row) -> rs.getString(1) + " " + rs.getString(2),
                share.reference());
    }

    private static RejectingSmtpServer startServer() {
        try {
            return new RejectingSmtpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
