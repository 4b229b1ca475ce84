package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mashgateway.acknowledgement.Mailboxes;
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When the store is down the gateway answers 503 with Retry-After, never 202, the outbox claims and
 * sends nothing (its poller's failed runs counted), and both recover by themselves.
 */
@Import(StoreOutageTest.Outage.class)
class StoreOutageTest extends GatewayTest {

    static final AtomicBoolean STORE_DOWN = new AtomicBoolean();

    @LocalServerPort
    int port;

    private static final int SMTP_PORT = Mailboxes.freePort();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.smtp.connect-timeout", () -> "PT1S");
        registry.add("mash.delivery.initial-backoff", () -> "PT3S");
    }

    @AfterEach
    void storeBack() {
        STORE_DOWN.set(false);
    }

    @Test
    void the_outbox_claims_nothing_while_the_store_is_down_and_sends_everything_once_it_is_back() throws Exception {
        // No mail server yet: the four deliveries fail their first attempt and wait out a 3 s back-off,
        // none in the middle of an attempt when the store goes away.
        Answer accepted = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications",
                Notifications.notification().xml());
        assertThat(accepted.status()).isEqualTo(202);
        String reference = accepted.json().path("reference").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM delivery d "
                + "WHERE d.notification_reference = ? AND d.status = 'PENDING' AND d.attempts >= 1 "
                + "AND d.claimed_by IS NULL", Integer.class,
                reference) == 4);
        double pollFailures = meters.counter(Pollers.FAILURES, Pollers.POLLER_TAG, "delivery").count();
        NotifyBuilder fourSent = new NotifyBuilder(camel).fromRoute("delivery").whenCompleted(4).create();

        STORE_DOWN.set(true);
        Thread.sleep(4_000);
        assertThat(meters.counter(Pollers.FAILURES, Pollers.POLLER_TAG, "delivery").count())
                .as("the worker's polls failed while the store was down, and it kept polling").isGreaterThan(pollFailures + 1);
        assertThat(fourSent.matches(0, TimeUnit.SECONDS)).as("nothing was sent meanwhile").isFalse();
        GreenMail smtp = Mailboxes.smtp(SMTP_PORT);
        try {
            STORE_DOWN.set(false);

            assertThat(fourSent.matches(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM delivery "
                    + "WHERE notification_reference = ? AND status = 'SENT'", Integer.class, reference) == 4);
            assertThat(smtp.getReceivedMessages().length).isGreaterThanOrEqualTo(4);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void store_down_means_503_with_retry_after_and_the_same_document_is_accepted_once_it_is_back() {
        Notifications notification = Notifications.notification();
        GatewayClient derbyshire = GatewayClient.as("police-DERBYS", port);

        STORE_DOWN.set(true);
        Answer during = derbyshire.postXml("/api/v1/notifications", notification.xml());
        STORE_DOWN.set(false);
        Answer after = derbyshire.postXml("/api/v1/notifications", notification.xml());

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.retryAfter()).isNotBlank();
        assertThat(during.reasonCode()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(after.status()).isEqualTo(202);
    }

    /** Makes every new database connection fail while {@link #STORE_DOWN} is set, as a dead database would. */
    @TestConfiguration
    static class Outage {
        @Bean
        static BeanPostProcessor failingConnections() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && name.equals("dataSource")) {
                        return new DelegatingDataSource(dataSource) {
                            @Override
                            public Connection getConnection() throws SQLException {
                                if (STORE_DOWN.get()) {
                                    throw new SQLTransientConnectionException("store down (test)");
                                }
                                return super.getConnection();
                            }
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
