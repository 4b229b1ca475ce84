package org.mashgateway.delivery;

import static org.mashgateway.sql.DatabaseTime.at;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.scheduling.AfterCommit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a MASH admin may do to one delivery from the console: put a FAILED delivery back in the
 * outbox (attempts reset, sent at once), or park a PENDING one so that it is not tried again. A
 * parked delivery is FAILED with reason {@link #PARKED_BY_ADMIN}: the status list of the contract
 * is fixed, and FAILED is what it is until someone retries it. Each change joins the caller's
 * transaction with its history line (and, for parking, a FAILED decision record).
 */
@Service
public class DeliveryAdministration {

    /** The reason code of a delivery an admin parked. */
    public static final String PARKED_BY_ADMIN = "PARKED_BY_ADMIN";

    private final JdbcClient jdbc;
    private final DeliveryRecords records;
    private final DeliveryEvents events;
    private final DecisionLog decisions;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final ObjectProvider<AcknowledgementLinks> acknowledgementLinks;

    DeliveryAdministration(JdbcClient jdbc, DeliveryRecords records, DeliveryEvents events, DecisionLog decisions,
            DeliveryWorker worker, Clock clock, ObjectProvider<AcknowledgementLinks> acknowledgementLinks) {
        this.jdbc = jdbc;
        this.records = records;
        this.events = events;
        this.decisions = decisions;
        this.worker = worker;
        this.clock = clock;
        this.acknowledgementLinks = acknowledgementLinks;
    }

    /**
     * Puts a FAILED delivery back in the outbox, due now with its attempts reset and a new
     * acknowledgement link if it has one; the worker is woken when the caller's transaction commits.
     *
     * @return the delivery as it was before, or empty when there is none by that reference or it is not FAILED
     */
    public Optional<DeliveryState> retry(String outputReference, String actor) {
        Optional<DeliveryState> delivery = records.findByOutputReference(outputReference)
                .filter(found -> found.status() == DeliveryStatus.FAILED);
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("UPDATE delivery SET status = 'PENDING', attempts = 0, reason_code = NULL, "
                        + "next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                        + "WHERE delivery_id = ? AND status = 'FAILED'")
                .params(at(now), at(now), delivery.get().deliveryId())
                .update();
        if (changed != 1) {
            return Optional.empty();
        }
        events.record(delivery.get().deliveryId(), DeliveryEvents.RETRIED_BY_ADMIN, DeliveryStatus.PENDING, null, 0,
                actor, now);
        acknowledgementLinks.getIfAvailable(() -> Deliveries.WITHOUT_LINKS).reissue(outputReference);
        wakeWorkerAfterCommit();
        return delivery;
    }

    /**
     * Stops a PENDING delivery being tried again: FAILED with reason {@link #PARKED_BY_ADMIN}. A
     * delivery a sender is working on right now (a live claim) is not parked: its outcome is about
     * to be recorded, and parking it would hide a mail that went.
     *
     * @return the delivery as it was before, or empty when there is none by that reference, it is
     *     not PENDING, or it is being sent right now
     */
    public Optional<DeliveryState> park(String outputReference, String actor) {
        Optional<DeliveryState> delivery = records.findByOutputReference(outputReference)
                .filter(found -> found.status() == DeliveryStatus.PENDING);
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("UPDATE delivery SET status = 'FAILED', reason_code = ?, next_attempt_at = NULL, "
                        + "updated_at = ? WHERE delivery_id = ? AND status = 'PENDING' "
                        + "AND (claimed_until IS NULL OR claimed_until < ?)")
                .params(PARKED_BY_ADMIN, at(now), delivery.get().deliveryId(), at(now))
                .update();
        if (changed != 1) {
            return Optional.empty();
        }
        DeliveryState parked = delivery.get();
        events.record(parked.deliveryId(), DeliveryEvents.PARKED_BY_ADMIN, DeliveryStatus.FAILED, PARKED_BY_ADMIN,
                parked.attempts(), actor, now);
        // Last, as DecisionLog asks: it locks the chain head until the caller commits.
        decisions.append(Decision.of(DecisionKind.FAILED)
                .reasonCode(PARKED_BY_ADMIN)
                .sender(parked.sendingForce())
                .recipient(parked.recipient())
                .gatewayReference(parked.outputReference())
                .documentType(parked.documentType())
                .build());
        return delivery;
    }

    private void wakeWorkerAfterCommit() {
        AfterCommit.run(worker::wake);
    }
}
