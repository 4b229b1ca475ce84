package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mashgateway.alert.Alerts;
import org.mashgateway.scheduling.ScheduledRouteFixture;
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
        try (ScheduledRouteFixture route = ScheduledRouteFixture.run("own-certificate-expiry", expiry, "check",
                Duration.ofMillis(20))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> raised.get() >= 2);
            assertThat(route.failures()).isEqualTo(1.0);
        }
    }

}
