package org.mashgateway.warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link WarmUpExercise} for {@code mash.warm-up.duration} once the gateway has started
 * and before it declares readiness. Spring Boot declares the application ready
 * ({@code /actuator/health/readiness} UP) only after the listeners of {@link ApplicationReadyEvent}
 * have returned, and this one is the last of them; so the node serves from its start (health and
 * intake answer at once) but a load balancer that follows readiness sends it traffic only warm.
 * A failing exercise is logged by its class and dropped; the warm-up never stops the gateway.
 */
@Component
class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final List<WarmUpExercise> exercises;
    private final Duration duration;

    WarmUp(List<WarmUpExercise> exercises, @Value("${mash.warm-up.duration:PT5S}") Duration duration) {
        this.exercises = List.copyOf(exercises);
        this.duration = duration;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void beforeReadiness() {
        if (duration.isZero() || duration.isNegative() || exercises.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Map<String, Integer> runs = run(started + duration.toNanos());
        log.info("Warmed up in {} ms before declaring readiness: {}", (System.nanoTime() - started) / 1_000_000, runs);
    }

    /** Runs each exercise once, then the repeating ones in turn until the deadline; how often each ran. */
    Map<String, Integer> run(long deadlineNanos) {
        Map<String, Integer> runs = new LinkedHashMap<>();
        List<WarmUpExercise> repeating = new ArrayList<>();
        for (WarmUpExercise exercise : exercises) {
            runs.put(exercise.name(), 0);
            if (runOnce(exercise, runs) && exercise.repeats()) {
                repeating.add(exercise);
            }
        }
        while (!repeating.isEmpty() && System.nanoTime() < deadlineNanos) {
            repeating.removeIf(exercise -> !runOnce(exercise, runs));
        }
        return runs;
    }

    private static boolean runOnce(WarmUpExercise exercise, Map<String, Integer> runs) {
        try {
            exercise.run();
            runs.merge(exercise.name(), 1, Integer::sum);
            return true;
        } catch (Exception | LinkageError e) {
            // The class only: a message could quote the made-up document or a relay's reply.
            log.warn("Warm-up exercise {} failed ({}); the node warms up without it", exercise.name(),
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
