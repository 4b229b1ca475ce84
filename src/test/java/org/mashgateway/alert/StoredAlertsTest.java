package org.mashgateway.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An alert about a refusal stays when the refusal rolls back; an alert about a change commits with
 * that change and only with it, so a crash between the two cannot leave the change without its alert.
 */
@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({StoredAlerts.class, StoredAlertsTest.Wiring.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class StoredAlertsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "stored-alerts");
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    StoredAlerts alerts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void an_alert_raised_in_a_refusal_that_rolls_back_stays() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            alerts.raise(AlertKind.SECURITY, "TEST_OWN", "refused");
            status.setRollbackOnly();
        });

        assertThat(stored("TEST_OWN")).isEqualTo(1);
    }

    @Test
    void an_alert_raised_within_a_change_commits_with_it_and_rolls_back_with_it() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            alerts.raiseWithin(AlertKind.DELIVERY, "TEST_WITHIN_ROLLED_BACK", "rolled back");
            status.setRollbackOnly();
        });
        new TransactionTemplate(transactions).executeWithoutResult(
                status -> alerts.raiseWithin(AlertKind.DELIVERY, "TEST_WITHIN", "committed"));

        assertThat(stored("TEST_WITHIN_ROLLED_BACK")).isZero();
        assertThat(counted("TEST_WITHIN_ROLLED_BACK")).isZero();
        assertThat(stored("TEST_WITHIN")).isEqualTo(1);
        assertThat(counted("TEST_WITHIN")).isEqualTo(1.0);
    }

    @Test
    void an_alert_within_a_change_needs_the_changes_transaction() {
        assertThatThrownBy(() -> alerts.raiseWithin(AlertKind.DELIVERY, "TEST_NO_CHANGE", "alone"))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(stored("TEST_NO_CHANGE")).isZero();
    }

    private int stored(String code) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE reason_code = ?", Integer.class, code);
    }

    private double counted(String code) {
        var counter = meters.find("mash.alerts").tag("reason", code).counter();
        return counter == null ? 0 : counter.count();
    }
}
