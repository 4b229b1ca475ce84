package org.mashgateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * The warm-up runs its exercises until its time is up, drops one that fails, runs a one-off once,
 * and the application declares readiness only after it.
 */
class WarmUpTest {

    @Test
    void repeating_exercises_run_in_turn_until_the_time_is_up_a_failing_one_is_dropped_a_one_off_runs_once() {
        Counting xml = new Counting("xml", true, Integer.MAX_VALUE);
        Counting smtp = new Counting("smtp", false, Integer.MAX_VALUE);
        Counting broken = new Counting("broken", true, 3);
        WarmUp warmUp = new WarmUp(List.of(xml, smtp, broken), Duration.ofMillis(200));

        Map<String, Integer> runs = warmUp.run(System.nanoTime() + Duration.ofMillis(200).toNanos());

        assertThat(runs).containsEntry("smtp", 1).containsEntry("broken", 3);
        assertThat(runs.get("xml")).isGreaterThan(10);
        assertThat(smtp.runs).isEqualTo(1);
        assertThat(broken.runs).as("tried a fourth time, which failed, then never again").isEqualTo(4);
    }

    @Test
    void an_exercise_failing_at_once_does_not_stop_the_others_and_nothing_runs_when_the_duration_is_zero() {
        Counting failing = new Counting("failing", true, 0);
        Counting fine = new Counting("fine", true, Integer.MAX_VALUE);

        assertThat(new WarmUp(List.of(failing, fine), Duration.ofMillis(50))
                .run(System.nanoTime() + Duration.ofMillis(50).toNanos()))
                .containsEntry("failing", 0).hasEntrySatisfying("fine", n -> assertThat(n).isPositive());

        Counting idle = new Counting("idle", true, Integer.MAX_VALUE);
        new WarmUp(List.of(idle), Duration.ZERO).beforeReadiness();
        assertThat(idle.runs).isZero();
    }

    @Test
    void the_application_is_ready_only_once_the_warm_up_is_over() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Warming.class)
                .web(WebApplicationType.NONE)
                .properties("mash.warm-up.duration=300ms", "spring.main.banner-mode=off")
                .run()) {
            List<String> events = context.getBean(Warming.class).events;
            assertThat(events).contains("exercise", "ACCEPTING_TRAFFIC");
            assertThat(events.lastIndexOf("exercise")).as("every run of the exercise before readiness")
                    .isLessThan(events.indexOf("ACCEPTING_TRAFFIC"));
        }
    }

    /** An application with the warm-up, one exercise and a witness of readiness. */
    @Configuration(proxyBeanMethods = false)
    @Import(WarmUp.class)
    static class Warming {

        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Bean
        WarmUpExercise exercise() {
            return new WarmUpExercise() {
                @Override
                public String name() {
                    return "witnessed";
                }

                @Override
                public void run() throws InterruptedException {
                    events.add("exercise");
                    Thread.sleep(5);
                }
            };
        }

        @EventListener
        void readiness(AvailabilityChangeEvent<ReadinessState> event) {
            events.add(event.getState().name());
        }
    }

    private static final class Counting implements WarmUpExercise {

        private final String name;
        private final boolean repeats;
        private final int failAfter;
        int runs;

        Counting(String name, boolean repeats, int failAfter) {
            this.name = name;
            this.repeats = repeats;
            this.failAfter = failAfter;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean repeats() {
            return repeats;
        }

        @Override
        public void run() {
            runs++;
            if (runs > failAfter) {
                throw new IllegalStateException("made-up fault");
            }
        }
    }
}
