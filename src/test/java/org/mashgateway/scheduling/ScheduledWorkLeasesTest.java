package org.mashgateway.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.MovableClock;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work that runs on one node at a time: of two nodes on one database only the lease holder runs it,
 * the holder keeps it while it runs, the other takes it over once the lease has run out (the holder
 * died) or at once when the holder stops and gives it back; work not marked so runs everywhere.
 */
@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ScheduledWorkLeasesTest {

    private static final Instant START = Instant.parse("2026-11-30T23:40:00Z");
    private static final long MINUTE = 60_000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "scheduled-work-leases");
    }

    @Autowired
    JdbcTemplate jdbc;

    private final MovableClock clock = new MovableClock(START);
    private ScheduledWorkLeases nodeA;
    private ScheduledWorkLeases nodeB;

    @BeforeEach
    void twoNodes() {
        jdbc.update("DELETE FROM scheduled_work_lease");
        nodeA = new ScheduledWorkLeases(jdbc, clock, new NodeName("node-a"));
        nodeB = new ScheduledWorkLeases(jdbc, clock, new NodeName("node-b"));
    }

    @Test
    void one_node_holds_the_work_until_its_lease_runs_out_or_it_gives_it_back() {
        assertThat(nodeA.holds("escalation", MINUTE, true)).isTrue();
        assertThat(nodeB.holds("escalation", MINUTE, true)).as("held by node-a").isFalse();
        assertThat(nodeB.holds("retention", MINUTE, true)).as("another work, free").isTrue();
        assertThat(nodeB.holds("directory-reload", MINUTE, false)).as("work for every node").isTrue();

        later(Duration.ofMinutes(1));
        assertThat(nodeA.holds("escalation", MINUTE, true)).as("renewed at each run").isTrue();
        later(Duration.ofMinutes(2));
        assertThat(nodeB.holds("escalation", MINUTE, true)).as("within interval and grace").isFalse();

        later(Duration.ofSeconds(31));
        assertThat(nodeB.holds("escalation", MINUTE, true)).as("node-a missed its runs: died").isTrue();
        assertThat(nodeA.holds("escalation", MINUTE, true)).as("back, too late").isFalse();

        nodeB.giveBack();
        later(Duration.ofMillis(1));
        assertThat(nodeA.holds("escalation", MINUTE, true)).as("node-b stopped and gave it back").isTrue();
    }

    @Test
    void a_route_on_one_node_at_a_time_runs_on_the_node_holding_the_lease_only() {
        ScheduledWorkLeases liveA = new ScheduledWorkLeases(jdbc, Clock.systemUTC(), new NodeName("node-a"));
        ScheduledWorkLeases liveB = new ScheduledWorkLeases(jdbc, Clock.systemUTC(), new NodeName("node-b"));
        Work onA = new Work();
        Work onB = new Work();
        try (ScheduledRouteFixture a = ScheduledRouteFixture.runOnOneNode("mailbox", onA, "run", Duration.ofMillis(50), liveA)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> onA.runs.get() >= 1);
            try (ScheduledRouteFixture b = ScheduledRouteFixture.runOnOneNode("mailbox", onB, "run", Duration.ofMillis(50),
                    liveB)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> onA.runs.get() >= 10);
                assertThat(onB.runs.get()).as("node-b while node-a holds the lease").isZero();

                a.close();
                liveA.giveBack();
                await().atMost(Duration.ofSeconds(10)).until(() -> onB.runs.get() >= 3);
            }
        }
    }

    /** Stands for a mailbox poll: counts its runs. */
    public static final class Work {
        final AtomicInteger runs = new AtomicInteger();

        public void run() {
            runs.incrementAndGet();
        }
    }

    private void later(Duration step) {
        clock.set(clock.instant().plus(step));
    }
}
