package org.mashgateway.acknowledgement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.springframework.stereotype.Component;

/**
 * Counts lookups of acknowledgement links that name no link, and raises one SECURITY alert when
 * {@code mash.acknowledgement.failed-lookup-burst} of them fall within the window: someone may be
 * guessing tokens. 128-bit tokens cannot be guessed, so the burst is worth an admin's look rather
 * than a lock-out that would also stop the schools. Tokens are never logged nor put in the alert.
 */
@Component
class FailedLinkLookups {

    static final String REASON = "ACKNOWLEDGEMENT_LINK_GUESSING";

    private final Alerts alerts;
    private final Counter failures;
    private final Clock clock;
    private final int burst;
    private final Duration window;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private Instant alertedUntil = Instant.MIN;

    FailedLinkLookups(Alerts alerts, MeterRegistry meters, Clock clock, AcknowledgementProperties properties) {
        this.alerts = alerts;
        this.failures = meters.counter("mash.acknowledgement.link.failures");
        this.clock = clock;
        this.burst = properties.acknowledgement().failedLookupBurst();
        this.window = properties.acknowledgement().failedLookupWindow();
    }

    /** One lookup of a token the gateway never issued. */
    void record() {
        failures.increment();
        Instant now = clock.instant();
        boolean raise;
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
                recent.removeFirst();
            }
            raise = recent.size() >= burst && now.isAfter(alertedUntil);
            if (raise) {
                alertedUntil = now.plus(window);
            }
        }
        if (raise) {
            alerts.raise(AlertKind.SECURITY, REASON, burst + " or more lookups of unknown acknowledgement links within "
                    + window);
        }
    }
}
