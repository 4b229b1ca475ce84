package org.mashgateway.mailin;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a flood of refused mail from flooding the admins and the quarantine: within each
 * {@code mash.mail.imap.alert-interval}, at most one alert per reason code, and at most
 * {@code mash.mail.imap.kept-copies-per-interval} raw copies of refused mails in all. Beyond
 * them a refusal still gets its decision record and is counted: {@code mash.mail.inbound.alerts.suppressed}
 * and {@code mash.mail.inbound.copies.dropped}, tagged with the reason code only. Kept per node,
 * in memory: two nodes alert at most twice per burst.
 */
class RefusedMailLimits {

    private final Duration interval;
    private final int copiesPerInterval;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Instant> alertedUntil = new HashMap<>();
    private Instant copiesCountedUntil = Instant.MIN;
    private int copiesKept;

    RefusedMailLimits(Duration interval, int copiesPerInterval, Clock clock, MeterRegistry meters) {
        this.interval = interval;
        this.copiesPerInterval = copiesPerInterval;
        this.clock = clock;
        this.meters = meters;
    }

    /** True for the first refusal with this reason in an interval: that one is alerted. */
    synchronized boolean alertDue(String reasonCode) {
        Instant now = clock.instant();
        Instant until = alertedUntil.get(reasonCode);
        if (until != null && now.isBefore(until)) {
            meters.counter("mash.mail.inbound.alerts.suppressed", "reason", reasonCode).increment();
            return false;
        }
        alertedUntil.put(reasonCode, now.plus(interval));
        return true;
    }

    /** True while this interval's allowance of kept copies lasts; a copy beyond it is counted as dropped. */
    synchronized boolean keepCopy(String reasonCode) {
        Instant now = clock.instant();
        if (!now.isBefore(copiesCountedUntil)) {
            copiesCountedUntil = now.plus(interval);
            copiesKept = 0;
        }
        if (copiesKept < copiesPerInterval) {
            copiesKept++;
            return true;
        }
        meters.counter("mash.mail.inbound.copies.dropped", "reason", reasonCode).increment();
        return false;
    }

    /** The interval, for the alert's text. */
    Duration interval() {
        return interval;
    }
}
