package org.mashgateway.alert;

import static org.mashgateway.sql.DatabaseTime.at;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts suspicious events of one kind across every node, in the database, and raises one SECURITY
 * alert when {@code threshold} of them fall within {@code window}, at most one per window whichever
 * node sees them: someone guessing passwords or tokens spreads the attempts over the nodes behind a
 * load balancer. Only the kind and the time of an event are stored.
 */
@Component
public class SecurityBursts {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Alerts alerts;
    private final Clock clock;

    SecurityBursts(JdbcTemplate jdbc, PlatformTransactionManager transactions, Alerts alerts, Clock clock) {
        this.jdbc = jdbc;
        // Its own transactions: the count holds whatever becomes of the caller's.
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Records one event of {@code burst} (a reason code) and raises the alert, with {@code context}
     * (nothing personal), when this event completes a burst not yet alerted in this window.
     *
     * @return whether this event raised the alert
     */
    public boolean record(String burst, int threshold, Duration window, String context) {
        Instant now = clock.instant();
        Boolean raise = transaction.execute(status -> {
            jdbc.update("DELETE FROM security_burst_event WHERE burst = ? AND occurred_at <= ?", burst, at(now.minus(window)));
            jdbc.update("INSERT INTO security_burst_event (burst, occurred_at) VALUES (?, ?)", burst, at(now));
            Integer recent = jdbc.queryForObject("SELECT COUNT(*) FROM security_burst_event WHERE burst = ?",
                    Integer.class, burst);
            return recent != null && recent >= threshold;
        });
        if (!Boolean.TRUE.equals(raise) || !claimAlert(burst, now, window)) {
            return false;
        }
        alerts.raise(AlertKind.SECURITY, burst, context);
        return true;
    }

    /** True for the one caller, on any node, that moves the burst's alert into a new window. */
    private boolean claimAlert(String burst, Instant now, Duration window) {
        Integer moved = transaction.execute(status -> jdbc.update(
                "UPDATE security_burst_alert SET alerted_until = ? WHERE burst = ? AND alerted_until <= ?",
                at(now.plus(window)), burst, at(now)));
        if (moved != null && moved == 1) {
            return true;
        }
        try {
            transaction.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO security_burst_alert (burst, alerted_until) VALUES (?, ?)", burst, at(now.plus(window))));
            return true;
        } catch (DuplicateKeyException alreadyAlerted) {
            return false;
        }
    }
}
