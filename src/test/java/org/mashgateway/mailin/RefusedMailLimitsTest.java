package org.mashgateway.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A burst of refused mail raises one alert per reason and keeps a bounded number of copies per interval. */
class RefusedMailLimitsTest {

    private static final Duration INTERVAL = Duration.ofMinutes(15);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = mock(Clock.class);
    private Instant now = Instant.now();
    private RefusedMailLimits limits;

    @BeforeEach
    void limits() {
        when(clock.instant()).thenAnswer(call -> now);
        limits = new RefusedMailLimits(INTERVAL, 3, clock, meters);
    }

    @Test
    void a_burst_alerts_once_per_reason_and_again_only_after_the_interval() {
        long alerted = IntStream.range(0, 1000).filter(i -> limits.alertDue("UNSIGNED")).count();

        assertThat(alerted).isEqualTo(1);
        assertThat(limits.alertDue("MAIL_TOO_LARGE")).isTrue();
        assertThat(meters.get("mash.mail.inbound.alerts.suppressed").tag("reason", "UNSIGNED").counter().count())
                .isEqualTo(999);
        now = now.plus(INTERVAL).minusSeconds(1);
        assertThat(limits.alertDue("UNSIGNED")).isFalse();
        now = now.plusSeconds(1);
        assertThat(limits.alertDue("UNSIGNED")).isTrue();
    }

    @Test
    void copies_beyond_the_allowance_are_dropped_and_counted_until_the_next_interval() {
        long kept = IntStream.range(0, 1000).filter(i -> limits.keepCopy(i % 2 == 0 ? "UNSIGNED" : "NOT_ENCRYPTED"))
                .count();

        assertThat(kept).isEqualTo(3);
        assertThat(meters.get("mash.mail.inbound.copies.dropped").counters().stream()
                .mapToDouble(counter -> counter.count()).sum()).isEqualTo(997);
        now = now.plus(INTERVAL);
        assertThat(limits.keepCopy("UNSIGNED")).isTrue();
    }
}
