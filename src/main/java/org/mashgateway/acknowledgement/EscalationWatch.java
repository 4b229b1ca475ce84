package org.mashgateway.acknowledgement;

import static org.mashgateway.sql.DatabaseTime.at;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.delivery.DeliveryMilestones;
import org.mashgateway.delivery.Outbox;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.School;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates what nobody acknowledged in time, once per delivery even with several gateway nodes
 * ({@link DeliveryMilestones#escalate}, which also writes the delivery's history); run every
 * {@code mash.escalation.check-interval} by the route {@code escalation} ({@code routes/scheduled.camel.yaml}):
 *
 * <ul>
 *   <li>a school notification (or correction) not acknowledged {@code mash.escalation.school-margin}
 *       before its DueBy is sent again, as it is, to the school's {@code deputyEmail} when the
 *       directory has one, and raises a DEADLINE alert {@value #SCHOOL_UNACKNOWLEDGED} either way;</li>
 *   <li>a HIGH-risk agency notification (one that carries an acknowledgement link) not acknowledged
 *       {@code mash.escalation.agency-fraction} of the way from its creation to its DueBy raises a
 *       DEADLINE alert {@value #AGENCY_UNACKNOWLEDGED}.</li>
 * </ul>
 *
 * <p>It reads only the deliveries under watch: {@code delivery.escalation_watch} is set as a share
 * that people must acknowledge is planned ({@code AcknowledgementLinks#awaitsAcknowledgement}) and
 * cleared as it is acknowledged or escalated ({@link DeliveryMilestones}), so a run costs what is
 * awaited, not the size of the outbox.
 *
 * <p>The deputy's copy is a DEPUTY_COPY entry of the outbox ({@link Outbox#deputyCopy}), committed
 * with the claim: a mail outage delays it (retried with the kind's back-off) but never loses it.
 */
@Component
class EscalationWatch {

    static final String SCHOOL_UNACKNOWLEDGED = "SCHOOL_NOTIFICATION_UNACKNOWLEDGED";
    static final String AGENCY_UNACKNOWLEDGED = "AGENCY_NOTIFICATION_UNACKNOWLEDGED";

    private static final Logger log = LoggerFactory.getLogger(EscalationWatch.class);

    private final JdbcClient jdbc;
    private final DeliveryMilestones milestones;
    private final Outbox outbox;
    private final Directory directory;
    private final Alerts alerts;
    private final TransactionTemplate transaction;
    private final AcknowledgementProperties.Escalation properties;
    private final Clock clock;

    EscalationWatch(JdbcClient jdbc, DeliveryMilestones milestones, Outbox outbox, Directory directory, Alerts alerts,
            PlatformTransactionManager transactions, AcknowledgementProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.milestones = milestones;
        this.outbox = outbox;
        this.directory = directory;
        this.alerts = alerts;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties.escalation();
        this.clock = clock;
    }

    /** Escalates every delivery newly due for it; returns the escalated references. */
    public List<String> check() {
        Instant now = clock.instant();
        List<String> escalated = new ArrayList<>();
        escalated.addAll(escalateSchools(now));
        escalated.addAll(escalateAgencies(now));
        return escalated;
    }

    private List<String> escalateSchools(Instant now) {
        List<Unacknowledged> due = jdbc.sql("""
                SELECT delivery_id, output_reference, recipient, status, created_at, due_by FROM delivery
                WHERE escalation_watch = 'SCHOOL' AND due_by <= ?
                ORDER BY escalation_watch, due_by""")
                .param(at(now.plus(properties.schoolMargin())))
                .query(EscalationWatch::unacknowledged)
                .list();
        List<String> escalated = new ArrayList<>();
        for (Unacknowledged delivery : due) {
            Optional<String> deputy = directory.school(delivery.recipient()).map(School::deputyEmail)
                    .filter(address -> !address.isBlank());
            boolean claimed = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!milestones.escalate(delivery.id(), SCHOOL_UNACKNOWLEDGED)) {
                    return false;
                }
                if (deputy.isPresent()) {
                    outbox.deputyCopy(delivery.outputReference());
                }
                alerts.raiseWithin(AlertKind.DEADLINE, SCHOOL_UNACKNOWLEDGED, "delivery " + delivery.outputReference()
                        + " to SCHOOL " + delivery.recipient() + " (" + delivery.status() + ") not acknowledged, due by "
                        + delivery.dueBy() + "; " + (deputy.isPresent() ? "a copy goes to the school's deputy"
                                : "the directory names no deputy for the school"));
                return true;
            }));
            if (claimed) {
                escalated.add(delivery.outputReference());
            }
        }
        return escalated;
    }

    private List<String> escalateAgencies(Instant now) {
        // Only HIGH-risk agency notifications carry a link, so only they are watched; each one's
        // threshold depends on its own span, so every one awaited is read (a day's worth at most).
        List<Unacknowledged> watched = jdbc.sql("""
                SELECT delivery_id, output_reference, recipient, status, created_at, due_by FROM delivery
                WHERE escalation_watch = 'AGENCY'
                ORDER BY escalation_watch, due_by""")
                .query(EscalationWatch::unacknowledged)
                .list();
        List<String> escalated = new ArrayList<>();
        for (Unacknowledged delivery : watched) {
            if (now.isBefore(threshold(delivery))) {
                continue;
            }
            boolean claimed = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!milestones.escalate(delivery.id(), AGENCY_UNACKNOWLEDGED)) {
                    return false;
                }
                alerts.raiseWithin(AlertKind.DEADLINE, AGENCY_UNACKNOWLEDGED, "HIGH-risk delivery "
                        + delivery.outputReference() + " to AGENCY " + delivery.recipient() + " (" + delivery.status()
                        + ") not acknowledged " + Math.round(properties.agencyFraction() * 100)
                        + "% of the way to its DueBy " + delivery.dueBy());
                return true;
            }));
            if (claimed) {
                escalated.add(delivery.outputReference());
            }
        }
        return escalated;
    }

    /** {@code agencyFraction} of the way from the delivery's creation to its DueBy. */
    Instant threshold(Unacknowledged delivery) {
        long span = Duration.between(delivery.createdAt(), delivery.dueBy()).toMillis();
        return delivery.createdAt().plusMillis((long) Math.ceil(span * properties.agencyFraction()));
    }

    private static Unacknowledged unacknowledged(ResultSet rs, int row) throws SQLException {
        return new Unacknowledged(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant());
    }

    /** A delivery nobody has acknowledged yet. */
    record Unacknowledged(long id, String outputReference, String recipient, String status, Instant createdAt,
            Instant dueBy) {}
}
