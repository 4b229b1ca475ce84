package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mashgateway.alert.Alerts;
import org.mashgateway.scheduling.Pollers;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The daily check of the gateway's own certificates once ended for good when the database was
 * unreachable for one run: the alert could not be stored, the exception escaped and the JDK
 * cancelled the task.
 */
class OwnCertificateExpiryKeepsCheckingTest {

    @Test
    void a_check_whose_alert_cannot_be_stored_is_counted_and_the_next_check_still_happens() throws Exception {
        TestPki.Party soon = TestPki.authority("Expiry CA").issue("Gateway signing",
                TestPki.NOW.minus(Duration.ofDays(300)), TestPki.NOW.plus(Duration.ofDays(29)));
        AtomicInteger raised = new AtomicInteger();
        Alerts storeDownOnce = (kind, reasonCode, context) -> {
            if (raised.incrementAndGet() == 1) {
                throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
            }
        };
        OwnCertificateExpiry expiry = new OwnCertificateExpiry(
                Map.of("gateway signing certificate", soon.certificate()), storeDownOnce, TestPki.CLOCK);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OwnCertificateExpiryConfiguration configuration =
                new OwnCertificateExpiryConfiguration(new Pollers(meters), Duration.ofMillis(20));

        configuration.checkNowAndDaily(readyWith(expiry));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> raised.get() >= 2);
        } finally {
            configuration.stop();
        }

        assertThat(meters.get("mash.poller.failures").tag("poller", "own-certificate-expiry").counter().count())
                .isEqualTo(1.0);
    }

    private static ApplicationReadyEvent readyWith(OwnCertificateExpiry expiry) {
        ConfigurableApplicationContext context = mock(ConfigurableApplicationContext.class);
        when(context.getBean(OwnCertificateExpiry.class)).thenReturn(expiry);
        ApplicationReadyEvent ready = mock(ApplicationReadyEvent.class);
        when(ready.getApplicationContext()).thenReturn(context);
        return ready;
    }
}
