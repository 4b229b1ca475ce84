package org.mashgateway.scheduling;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Starts the gateway's periodic work. Each poller gets a daemon thread of its own (a slow mailbox
 * never delays the delivery outbox) and runs at a fixed delay after its previous run ended. A
 * run that throws anything, an {@link Error} included, is logged and counted by {@link Poller},
 * and the next run happens as planned: a plain {@code ScheduledExecutorService} would instead
 * cancel the task for good, silently.
 */
@Component
public class Pollers {

    /** Micrometer name of the failed-run counter, tagged {@value #POLLER_TAG}; Prometheus: {@code mash_poller_failures_total}. */
    public static final String FAILURES = "mash.poller.failures";
    public static final String POLLER_TAG = "poller";
    /**
     * Micrometer name of the counter of scheduled routes' runs that did their work on this node and
     * finished (a run skipped because another node holds the work's lease is not one); Prometheus:
     * {@code mash_poller_runs_total}.
     */
    public static final String RUNS = "mash.poller.runs";

    private final MeterRegistry meters;

    public Pollers(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Runs {@code run} every {@code interval} (between the end of one run and the start of the
     * next), the first time after {@code initialDelay}, until {@link Poller#stop()}.
     *
     * @param name the poller's name in logs, in the thread's name and in the {@code poller} tag: a
     *     fixed word such as {@code delivery}, never anything taken from a message
     */
    public Poller start(String name, Duration initialDelay, Duration interval, Poller.Run run) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poller " + name + ": interval must be positive, was " + interval);
        }
        Poller poller = new Poller(name, run, meters.counter(FAILURES, POLLER_TAG, name));
        poller.start(initialDelay, interval);
        return poller;
    }
}
