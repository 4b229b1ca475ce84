package org.mashgateway.delivery;

import static org.mashgateway.sql.DatabaseTime.at;

import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What happens to a delivery after it was sent, as other packages learn of it: the recipient
 * acknowledged it, nobody did in time and it was escalated, the deputy's copy went or failed. This
 * package is the only one that writes the delivery table; each change here is written with its
 * line in the delivery's history, in the caller's transaction, so the console shows the whole story
 * of a delivery and the state never disagrees with its history.
 */
@Service
public class DeliveryMilestones {

    /** What recording an acknowledgement did. */
    public enum Acknowledged {
        ACKNOWLEDGED,
        ALREADY_ACKNOWLEDGED,
        /** FAILED or NOT_SHARED: there is nothing the recipient can have received. */
        NOT_SENT
    }

    static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    static final String ESCALATED = "ESCALATED";
    static final String DEPUTY_COPY_SENT = "DEPUTY_COPY_SENT";
    static final String DEPUTY_COPY_FAILED = "DEPUTY_COPY_FAILED";

    private final JdbcClient jdbc;
    private final DeliveryRecords records;
    private final DeliveryEvents events;
    private final Clock clock;

    DeliveryMilestones(JdbcClient jdbc, DeliveryRecords records, DeliveryEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.events = events;
        this.clock = clock;
    }

    /**
     * ACKNOWLEDGED from SENT or, when the acknowledgement overtook the worker's record of sending,
     * from PENDING (then it is not sent again). A second acknowledgement changes nothing.
     *
     * @param acknowledgedBy the agency code or school URN that acknowledged (the history's actor)
     * @param via HTTPS, QUEUE, MAIL or LINK
     */
    public Acknowledged acknowledge(DeliveryState delivery, String acknowledgedBy, String via) {
        if (delivery.status() == DeliveryStatus.ACKNOWLEDGED) {
            return Acknowledged.ALREADY_ACKNOWLEDGED;
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_via = ?, "
                        + "updated_at = ?, next_attempt_at = NULL, escalation_watch = NULL WHERE delivery_id = ? "
                        + "AND status IN ('SENT', 'PENDING')")
                .params(at(now), via, at(now), delivery.deliveryId())
                .update();
        if (changed == 0) {
            String status = jdbc.sql("SELECT status FROM delivery WHERE delivery_id = ?")
                    .param(delivery.deliveryId())
                    .query(String.class)
                    .single();
            return DeliveryStatus.ACKNOWLEDGED.name().equals(status) ? Acknowledged.ALREADY_ACKNOWLEDGED
                    : Acknowledged.NOT_SENT;
        }
        events.record(delivery.deliveryId(), ACKNOWLEDGED, DeliveryStatus.ACKNOWLEDGED, "ACKNOWLEDGED_BY_" + via,
                delivery.attempts(), acknowledgedBy, now);
        return Acknowledged.ACKNOWLEDGED;
    }

    /**
     * Marks a delivery not yet acknowledged as escalated, once across every node: only the caller
     * whose conditional update wins gets true, and only that one records it in the history. Either
     * way (escalated now, or acknowledged, escalated, corrected or withdrawn before) it leaves the
     * escalation watch.
     *
     * @param reasonCode why: the alert's reason code
     */
    public boolean escalate(long deliveryId, String reasonCode) {
        Instant now = clock.instant();
        // A delivery since corrected or withdrawn is not escalated: its correction is watched in its
        // place, and a withdrawn notification must never go to a deputy. Decided here, by the
        // escalation route, so that planning the replacement (which holds the decision chain's head)
        // never has to lock the row a sender may hold while it waits for that head.
        int changed = jdbc.sql("UPDATE delivery SET escalated_at = ?, escalation_watch = NULL "
                        + "WHERE delivery_id = ? AND escalated_at IS NULL AND status IN ('PENDING', 'SENT', 'FAILED') "
                        + "AND NOT EXISTS (SELECT 1 FROM delivery r WHERE r.replaces_reference = delivery.output_reference)")
                .params(at(now), deliveryId)
                .update();
        if (changed != 1) {
            jdbc.sql("UPDATE delivery SET escalation_watch = NULL WHERE delivery_id = ?").param(deliveryId).update();
            return false;
        }
        DeliveryState escalated = records.find(deliveryId).orElseThrow();
        events.record(deliveryId, ESCALATED, escalated.status(), reasonCode, escalated.attempts(), null, now);
        return true;
    }

    /** The deputy's copy of an escalated delivery went; the delivery's own state does not change. */
    public void deputyCopySent(String outputReference, int copyAttempts) {
        deputyCopy(outputReference, DEPUTY_COPY_SENT, null, copyAttempts);
    }

    /** The deputy's copy of an escalated delivery failed for good. */
    public void deputyCopyFailed(String outputReference, String reasonCode, int copyAttempts) {
        deputyCopy(outputReference, DEPUTY_COPY_FAILED, reasonCode, copyAttempts);
    }

    private void deputyCopy(String outputReference, String event, String reasonCode, int copyAttempts) {
        DeliveryState delivery = records.findByOutputReference(outputReference)
                .orElseThrow(() -> new IllegalArgumentException("no delivery " + outputReference));
        events.record(delivery.deliveryId(), event, delivery.status(), reasonCode, copyAttempts, null, clock.instant());
    }
}
