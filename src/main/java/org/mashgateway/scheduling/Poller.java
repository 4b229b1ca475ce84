package org.mashgateway.scheduling;

import io.micrometer.core.instrument.Counter;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One named piece of periodic work, started by {@link Pollers}. Every run, scheduled or woken, goes
 * through Spring's error-handling decoration, which catches any {@link Throwable}: the failure is
 * counted in {@code mash.poller.failures{poller}} and logged at WARN with the exception's class
 * only (an exception's message may quote a document or an address, which must never reach the
 * logs). The first failure of a streak, and a failure of another class than the previous one, are
 * logged at WARN; repeats of the same failure at DEBUG (the delivery outbox polls five times a
 * second, and a database outage must not flood the log); the first run that works again is logged
 * at INFO. The counter counts every failed run.
 */
public final class Poller {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    /** The work of one run; it may throw anything. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    private final String name;
    private final Run run;
    private final Counter failures;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    /** Touched only by the poller's own thread. */
    private Class<?> failingWith;
    private long failedInARow;
    private volatile boolean stopped;

    Poller(String name, Run run, Counter failures) {
        this.name = name;
        this.run = run;
        this.failures = failures;
        scheduler.setPoolSize(1);
        scheduler.setThreadFactory(task -> {
            Thread thread = new Thread(task, "poller-" + name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setErrorHandler(this::failed);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    void start(Duration initialDelay, Duration interval) {
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::runOnce, Instant.now().plus(initialDelay), interval);
    }

    /** The poller's name, as in its logs and its counter's {@code poller} tag. */
    public String name() {
        return name;
    }

    /** Runs once more now, on the poller's thread, after any run in progress (new work has committed). */
    public void wake() {
        if (stopped) {
            return;
        }
        try {
            scheduler.execute(this::runOnce);
        } catch (TaskRejectedException stopping) {
            // Stopped meanwhile: the next start polls anyway.
        }
    }

    /** Stops at once: no further run, and a run in progress is interrupted. */
    public void stop() {
        stopped = true;
        scheduler.getScheduledExecutor().shutdownNow();
    }

    /**
     * Stops without starting another run, and lets a run in progress finish for up to {@code grace}
     * before interrupting it.
     */
    public void stop(Duration grace) {
        stopped = true;
        ScheduledExecutorService executor = scheduler.getScheduledExecutor();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void runOnce() {
        try {
            run.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception checked) {
            // Unwrapped again by Spring's error handling, which hands the cause to failed().
            throw new UndeclaredThrowableException(checked);
        }
        if (failingWith != null) {
            log.info("Poller {} works again after {} failed run(s)", name, failedInARow);
            failingWith = null;
            failedInARow = 0;
        }
    }

    private void failed(Throwable failure) {
        if (stopped) {
            // After stop(), most likely the interruption of the run in progress: not a fault of the work.
            return;
        }
        try {
            failures.increment();
            failedInARow++;
            if (failure.getClass() != failingWith) {
                // The class only, never the message nor the stack trace (they may quote personal data).
                log.warn("Poller {} run failed ({}); it runs again at its next interval", name,
                        failure.getClass().getSimpleName());
            } else {
                log.debug("Poller {} run failed again ({}), {} in a row", name, failure.getClass().getSimpleName(),
                        failedInARow);
            }
            failingWith = failure.getClass();
        } catch (Throwable whileHandling) {
            // Anything thrown from here (the heap still exhausted) would cancel the schedule for good.
        }
    }
}
