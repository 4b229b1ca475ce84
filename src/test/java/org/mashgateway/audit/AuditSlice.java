package org.mashgateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The narrow context the audit tests run in: the JDBC slice plus the decision log and a ticking clock.
 * A test configuration, so the application's component scan in other tests never picks it up.
 */
@TestConfiguration(proxyBeanMethods = false)
class AuditSlice {

    @Bean
    Clock clock() {
        // Each reading is a millisecond and a few nanoseconds later, so times differ and need truncating.
        AtomicLong ticks = new AtomicLong();
        Instant start = Instant.parse("2026-03-02T08:15:30.123456789Z");
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return start.plusNanos(ticks.incrementAndGet() * 1_000_123L);
            }
        };
    }

    @Bean
    DecisionLog decisionLog(DataSource dataSource, Clock clock) {
        return new DecisionLog(dataSource, clock, 7);
    }

    @Bean
    SubjectKeys subjectKeys() {
        return new SubjectKeys(SubjectKeys.DEMO_SUBJECT_KEY);
    }

    /** Empties the decision record between tests; only a test may do this, the gateway cannot. */
    static void reset(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM decision_subject_key");
        jdbc.update("DELETE FROM decision_record");
        jdbc.update("UPDATE decision_chain_head SET last_record_id = 0, last_hash = ? WHERE id = 1", ChainRecord.GENESIS_HASH);
    }
}
