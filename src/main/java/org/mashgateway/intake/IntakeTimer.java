package org.mashgateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.springframework.stereotype.Component;

/**
 * Times how long the gateway takes to decide on an inbound document (read, validate, persist,
 * plan), as {@code mash.intake.duration} by ingress, channel and outcome: the acceptance latency
 * the quality bars set. Labels are codes only: the outcome is ACCEPTED, ALREADY_ACCEPTED, the
 * refusal's reason code, STORE_UNAVAILABLE, or ERROR for anything unforeseen. Histogram buckets
 * for percentiles come from {@code management.metrics.distribution.percentiles-histogram.mash}.
 */
@Component
class IntakeTimer {

    private final MeterRegistry meters;

    IntakeTimer(MeterRegistry meters) {
        this.meters = meters;
    }

    IntakeOutcome timed(String ingress, IngressChannel channel, Supplier<IntakeOutcome> intake) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "ERROR";
        try {
            IntakeOutcome decided = intake.get();
            outcome = decided instanceof Accepted accepted ? accepted.statusWord() : ((Refused) decided).reasonCode();
            return decided;
        } catch (StoreUnavailableException e) {
            outcome = "STORE_UNAVAILABLE";
            throw e;
        } finally {
            sample.stop(Timer.builder("mash.intake.duration")
                    .description("Time to decide on an inbound document, from its bytes to its durable outcome")
                    .tags("ingress", ingress, "channel", channel.name(), "outcome", outcome)
                    .register(meters));
        }
    }
}
