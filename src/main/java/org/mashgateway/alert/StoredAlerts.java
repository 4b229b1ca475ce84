package org.mashgateway.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import org.mashgateway.scheduling.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every alert in the store for the console, counts it, and logs it at WARN.
 *
 * <p>An alert is written in its own transaction: the refusal that raised it usually rolls back,
 * and the alert must stay. If the store itself is down the alert still reaches the log. An alert
 * about a change being committed ({@link #raiseWithin}) is written in that change's transaction.
 */
@Component
class StoredAlerts implements Alerts {

    private static final Logger log = LoggerFactory.getLogger(StoredAlerts.class);
    private static final int MAX_CONTEXT = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate callersTransaction;
    private final MeterRegistry meters;
    private final Clock clock;

    StoredAlerts(JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.callersTransaction = new TransactionTemplate(transactions);
        this.callersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void raise(AlertKind kind, String reasonCode, String context) {
        String bounded = context.length() > MAX_CONTEXT ? context.substring(0, MAX_CONTEXT) : context;
        meters.counter("mash.alerts", "kind", kind.name(), "reason", reasonCode).increment();
        log.warn("ALERT {} {}: {}", kind, reasonCode, bounded);
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO alert (raised_at, kind, reason_code, context) VALUES (?, ?, ?, ?)",
                    Timestamp.from(clock.instant()), kind.name(), reasonCode, bounded));
        } catch (DataAccessException e) {
            log.error("ALERT {} {} could not be stored ({}); it is in this log only", kind, reasonCode,
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void raiseWithin(AlertKind kind, String reasonCode, String context) {
        String bounded = context.length() > MAX_CONTEXT ? context.substring(0, MAX_CONTEXT) : context;
        // A store fault here fails the caller's transaction: the change and its alert go together or not at all.
        callersTransaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO alert (raised_at, kind, reason_code, context) VALUES (?, ?, ?, ?)",
                    Timestamp.from(clock.instant()), kind.name(), reasonCode, bounded);
            AfterCommit.run(() -> {
                meters.counter("mash.alerts", "kind", kind.name(), "reason", reasonCode).increment();
                log.warn("ALERT {} {}: {}", kind, reasonCode, bounded);
            });
        });
    }
}
