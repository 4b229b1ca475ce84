package org.mashgateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.MovableClock;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspicious events seen by two nodes add up in the database: the burst raises one alert, from one
 * node, once per window; events older than the window no longer count and are gone.
 */
@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({StoredAlerts.class, SecurityBurstsTest.Wiring.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SecurityBurstsTest {

    private static final Instant START = Instant.parse("2026-11-30T22:15:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "security-bursts");
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        MovableClock clock() {
            return new MovableClock(START);
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    StoredAlerts alerts;

    @Autowired
    MovableClock clock;

    private SecurityBursts nodeA;
    private SecurityBursts nodeB;

    @BeforeEach
    void twoNodes() {
        clock.set(START);
        jdbc.update("DELETE FROM security_burst_event");
        jdbc.update("DELETE FROM security_burst_alert");
        jdbc.update("DELETE FROM alert");
        nodeA = new SecurityBursts(jdbc, transactions, alerts, clock);
        nodeB = new SecurityBursts(jdbc, transactions, alerts, clock);
    }

    @Test
    void events_on_two_nodes_add_up_to_one_alert_per_window() {
        for (int i = 0; i < 4; i++) {
            assertThat(eventOn(i % 2 == 0 ? nodeA : nodeB)).as("event %d of 5", i + 1).isFalse();
        }
        assertThat(eventOn(nodeB)).as("the fifth, on either node").isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(eventOn(i % 2 == 0 ? nodeA : nodeB)).as("within the window alerted").isFalse();
        }
        assertThat(alerts()).isEqualTo(1);

        clock.set(START.plus(WINDOW).plusSeconds(60));
        assertThat(eventOn(nodeA)).as("a new window: five events within it again first").isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM security_burst_event", Integer.class))
                .as("the events older than the window are gone").isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            eventOn(nodeB);
        }
        assertThat(eventOn(nodeA)).isTrue();
        assertThat(alerts()).isEqualTo(2);
    }

    private boolean eventOn(SecurityBursts node) {
        clock.set(clock.instant().plusSeconds(1));
        return node.record("TEST_BURST", 5, WINDOW, "5 test events within " + WINDOW);
    }

    private int alerts() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY' AND reason_code = 'TEST_BURST'",
                Integer.class);
    }
}
