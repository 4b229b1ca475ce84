package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retry schedule: exponential from the initial back-off, capped at the maximum; one per kind of entry. */
class DeliveryPropertiesTest {

    private final DeliveryProperties defaults = new DeliveryProperties(10, Duration.ofSeconds(5),
            Duration.ofMinutes(10), Duration.ofMillis(200), 4, Duration.ofMinutes(2), new DeliveryProperties.Worker(true), null,
            null, true);

    private final DeliveryProperties.Retry properties = defaults.retryOf(OutboxKind.SHARE);

    @Test
    void the_wait_doubles_after_each_transient_failure() {
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoffAfter(7)).isEqualTo(Duration.ofSeconds(320));
    }

    @Test
    void the_wait_never_exceeds_the_maximum_back_off() {
        assertThat(properties.backoffAfter(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.backoffAfter(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_share_with_a_deadline_ahead_is_retried_past_its_attempts_until_its_deadline() {
        // Found by the week's simulation (issue 15): a relay down from 01:00 to 03:00 failed every
        // school notification of the night with RETRIES_EXHAUSTED half an hour in, hours before 08:00.
        Instant now = Instant.parse("2027-05-04T01:40:00Z");
        Instant due = Instant.parse("2027-05-04T07:00:00Z");
        Instant next = now.plus(properties.backoffAfter(10));

        assertThat(properties.retries(9, next, null)).as("attempts remain").isTrue();
        assertThat(properties.retries(10, next, null)).as("no deadline: attempts exhausted").isFalse();
        assertThat(properties.retries(10, next, due)).as("the deadline is ahead").isTrue();
        assertThat(properties.retries(40, due.minusSeconds(1), due)).as("one attempt before it").isTrue();
        assertThat(properties.retries(40, due, due)).as("the next attempt would be late").isFalse();
        assertThat(properties.retries(40, due.plusSeconds(600), due)).isFalse();
    }

    @Test
    void every_kind_has_its_own_retry_and_a_setting_overrides_only_what_it_names() {
        DeliveryProperties configured = new DeliveryProperties(10, Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofMillis(200), 4, Duration.ofMinutes(2), new DeliveryProperties.Worker(true), null,
                Map.of("deputy-copy", new DeliveryProperties.Retry(3, null, null)), true);

        assertThat(configured.retryOf(OutboxKind.DEPUTY_COPY))
                .isEqualTo(new DeliveryProperties.Retry(3, Duration.ofMinutes(1), Duration.ofMinutes(30)));
        assertThat(configured.retryOf(OutboxKind.CASEWORK))
                .isEqualTo(new DeliveryProperties.Retry(2000, Duration.ofSeconds(2), Duration.ofMinutes(5)));
        assertThat(configured.retryOf(OutboxKind.SHARE))
                .isEqualTo(new DeliveryProperties.Retry(10, Duration.ofSeconds(5), Duration.ofMinutes(10)));
        assertThat(configured.retryOf(OutboxKind.CASEWORK).backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
    }
}
