package org.mashgateway.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.CannotCreateTransactionException;

@ExtendWith(OutputCaptureExtension.class)
class PollersTest {

    private static final Duration SHORT = Duration.ofMillis(10);
    private static final String PERSONAL = "Ottoline Quennell-Ashby, 7 Larkspur Mews";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Pollers pollers = new Pollers(meters);
    private Poller poller;

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.stop();
        }
    }

    private double failures(String name) {
        return meters.get("mash.poller.failures").tag("poller", name).counter().count();
    }

    @Test
    void a_run_that_throws_an_exception_then_an_error_is_counted_logged_without_its_message_and_the_next_run_happens(
            CapturedOutput output) {
        AtomicInteger runs = new AtomicInteger();
        poller = pollers.start("test-poller", Duration.ZERO, SHORT, () -> {
            switch (runs.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("could not deliver to " + PERSONAL);
                case 2 -> throw new OutOfMemoryError("reading the mail of " + PERSONAL);
                default -> { }
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 4);

        assertThat(failures("test-poller")).isEqualTo(2.0);
        assertThat(output.getAll())
                .contains("Poller test-poller run failed (IllegalStateException)")
                .contains("Poller test-poller run failed (OutOfMemoryError)")
                .contains("Poller test-poller works again after 2 failed run(s)")
                .doesNotContain("Ottoline")
                .doesNotContain("Larkspur");
    }

    @Test
    void checked_exceptions_and_a_database_that_stays_down_are_counted_every_run_and_logged_at_warn_once(
            CapturedOutput output) {
        AtomicInteger runs = new AtomicInteger();
        poller = pollers.start("store-down", Duration.ZERO, SHORT, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IOException(PERSONAL);
            }
            throw new CannotCreateTransactionException("Could not open JDBC Connection for " + PERSONAL);
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 5);

        assertThat(failures("store-down")).isGreaterThanOrEqualTo(4.0);
        String all = output.getAll();
        assertThat(all).contains("Poller store-down run failed (IOException)").doesNotContain(PERSONAL);
        assertThat(all.split("WARN", -1).length - 1)
                .as("one WARN line per kind of failure, however often it repeats")
                .isEqualTo(2);
    }

    @Test
    void the_counter_is_there_from_the_start_so_an_alert_rule_sees_zero_rather_than_nothing() {
        poller = pollers.start("quiet", Duration.ofHours(1), Duration.ofHours(1), () -> { });

        assertThat(failures("quiet")).isZero();
    }

    @Test
    void wake_runs_at_once_through_the_same_error_handling_and_the_schedule_goes_on() {
        AtomicInteger runs = new AtomicInteger();
        poller = pollers.start("woken", Duration.ofHours(1), Duration.ofHours(1), () -> {
            runs.incrementAndGet();
            throw new OutOfMemoryError();
        });

        poller.wake();
        poller.wake();

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> failures("woken") == 2.0);
    }

    @Test
    void after_stop_no_run_happens_and_an_interrupted_run_is_not_counted_as_a_failure() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        poller = pollers.start("stopping", Duration.ZERO, SHORT, () -> {
            runs.incrementAndGet();
            Thread.sleep(60_000);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);

        poller.stop();
        poller.wake();
        Thread.sleep(100);

        assertThat(runs.get()).isEqualTo(1);
        assertThat(failures("stopping")).isZero();
    }

    @Test
    void a_graceful_stop_lets_the_run_in_progress_finish() {
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        poller = pollers.start("graceful", Duration.ZERO, Duration.ofHours(1), () -> {
            started.incrementAndGet();
            Thread.sleep(200);
            finished.incrementAndGet();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);

        poller.stop(Duration.ofSeconds(10));

        assertThat(finished.get()).isEqualTo(1);
    }
}
