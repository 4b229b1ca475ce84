package org.mashgateway.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Warns the MASH admins, once per delivery, when a delivery not yet sent (PENDING, or FAILED) is
 * within {@code mash.delivery.at-risk-margin} of its DueBy or past it: a school must have its SDAT
 * notification before the school day starts, an agency its HIGH-risk notification within 24 hours,
 * and a mail outage must not let that pass silently. The claim on {@code at_risk_alerted_at} makes
 * the warning happen once even with several gateway nodes. Run every
 * {@code mash.delivery.deadline-check-interval} by the route {@code deadline}
 * ({@code routes/scheduled.camel.yaml}).
 */
@Component
class DeadlineWatch {

    static final String AT_RISK = "DELIVERY_AT_RISK";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Alerts alerts;
    private final Clock clock;
    private final Duration margin;

    DeadlineWatch(JdbcClient jdbc, PlatformTransactionManager transactions, Alerts alerts, Clock clock,
            @Value("${mash.delivery.at-risk-margin:PT1H}") Duration margin) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.alerts = alerts;
        this.clock = clock;
        this.margin = margin;
    }

    /** Alerts every delivery newly at risk; returns their output references. */
    public List<String> check() {
        Instant now = clock.instant();
        List<AtRisk> candidates = jdbc.sql("""
                SELECT delivery_id, output_reference, recipient_type, recipient, status, due_by FROM delivery
                WHERE status IN ('PENDING', 'FAILED') AND due_by IS NOT NULL AND due_by < ?
                  AND at_risk_alerted_at IS NULL
                ORDER BY due_by""")
                .param(Timestamp.from(now.plus(margin)))
                .query((rs, row) -> new AtRisk(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
        List<String> alerted = new ArrayList<>();
        for (AtRisk delivery : candidates) {
            // The mark and its alert commit together: a crash between the two would lose the alert.
            boolean claimed = Boolean.TRUE.equals(transaction.execute(status -> {
                if (jdbc.sql("UPDATE delivery SET at_risk_alerted_at = ? WHERE delivery_id = ? AND at_risk_alerted_at IS NULL")
                        .params(Timestamp.from(now), delivery.id())
                        .update() != 1) {
                    return false;
                }
                alerts.raiseWithin(AlertKind.DEADLINE, AT_RISK, "delivery " + delivery.outputReference() + " to "
                        + delivery.recipientType() + " " + delivery.recipient() + " is " + delivery.status() + " and "
                        + (delivery.dueBy().isAfter(now) ? "due by " : "was due by ") + delivery.dueBy());
                return true;
            }));
            if (claimed) {
                alerted.add(delivery.outputReference());
            }
        }
        return alerted;
    }

    private record AtRisk(long id, String outputReference, String recipientType, String recipient, String status,
            Instant dueBy) {}
}
