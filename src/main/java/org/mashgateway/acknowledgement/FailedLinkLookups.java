package org.mashgateway.acknowledgement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.mashgateway.alert.SecurityBursts;
import org.springframework.stereotype.Component;

/**
 * Counts lookups of acknowledgement links that name no link, and raises one SECURITY alert when
 * {@code mash.acknowledgement.failed-lookup-burst} of them fall within the window, on any of the
 * nodes together ({@link SecurityBursts}, in the database): someone may be guessing tokens. 128-bit
 * tokens cannot be guessed, so the burst is worth an admin's look rather than a lock-out that would
 * also stop the schools. Tokens are never logged nor put in the alert.
 */
@Component
class FailedLinkLookups {

    static final String REASON = "ACKNOWLEDGEMENT_LINK_GUESSING";

    private final SecurityBursts bursts;
    private final Counter failures;
    private final int burst;
    private final Duration window;

    FailedLinkLookups(SecurityBursts bursts, MeterRegistry meters, AcknowledgementProperties properties) {
        this.bursts = bursts;
        this.failures = meters.counter("mash.acknowledgement.link.failures");
        this.burst = properties.acknowledgement().failedLookupBurst();
        this.window = properties.acknowledgement().failedLookupWindow();
    }

    /** One lookup of a token the gateway never issued. */
    void record() {
        failures.increment();
        bursts.record(REASON, burst, window, burst + " or more lookups of unknown acknowledgement links within " + window);
    }
}
