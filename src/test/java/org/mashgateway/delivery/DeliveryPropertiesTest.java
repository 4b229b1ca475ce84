package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry schedule: exponential from the initial back-off, capped at the maximum. */
class DeliveryPropertiesTest {

    private final DeliveryProperties properties = new DeliveryProperties(10, Duration.ofSeconds(5),
            Duration.ofMinutes(10), Duration.ofMillis(200), 4, Duration.ofMinutes(2), new DeliveryProperties.Worker(true), null);

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
}
