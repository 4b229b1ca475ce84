package org.mashgateway.acknowledgement;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.delivery.DeliveryStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records that a recipient confirmed receipt of a delivery: ACKNOWLEDGED with the gateway's time,
 * from SENT or, when the acknowledgement overtook the worker's record of sending, from PENDING;
 * with an ACKNOWLEDGED decision record. Joins the caller's transaction; a second acknowledgement
 * of the same delivery changes nothing. A FAILED delivery was never received, by any channel: its
 * acknowledgement is refused ({@value #NOT_SENT}), so that the admins keep seeing the failure.
 */
@Service
class DeliveryAcknowledgement {

    /** What recording an acknowledgement did. */
    enum Result {
        ACKNOWLEDGED,
        ALREADY_ACKNOWLEDGED,
        /** FAILED (or NOT_SHARED): there is nothing the recipient can have received. */
        NOT_SENT
    }

    /** The reason code of a refused acknowledgement of a delivery that was not sent. */
    static final String NOT_SENT = "DELIVERY_NOT_SENT";

    /** The channel name of a person pressing the button behind an acknowledgement link. */
    static final String LINK = "LINK";

    private final JdbcClient jdbc;
    private final DecisionLog decisions;
    private final Clock clock;

    DeliveryAcknowledgement(JdbcClient jdbc, DecisionLog decisions, Clock clock) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * @param acknowledgedBy the agency code or school URN that acknowledged
     * @param via how: HTTPS, QUEUE, MAIL (an Acknowledgement document) or LINK (a person)
     */
    Result acknowledge(DeliveryState delivery, String acknowledgedBy, String via) {
        if (delivery.status() == DeliveryStatus.ACKNOWLEDGED) {
            return Result.ALREADY_ACKNOWLEDGED;
        }
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        int changed = jdbc.sql("UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_via = ?, "
                        + "updated_at = ?, next_attempt_at = NULL WHERE delivery_id = ? AND status IN ('SENT', 'PENDING')")
                .params(at, via, at, delivery.deliveryId())
                .update();
        if (changed == 0) {
            String status = jdbc.sql("SELECT status FROM delivery WHERE delivery_id = ?")
                    .param(delivery.deliveryId())
                    .query(String.class)
                    .single();
            return DeliveryStatus.ACKNOWLEDGED.name().equals(status) ? Result.ALREADY_ACKNOWLEDGED
                    : Result.NOT_SENT;
        }
        // Last, as DecisionLog asks: the chain head stays locked until the caller commits.
        decisions.append(Decision.of(DecisionKind.ACKNOWLEDGED)
                .reasonCode("ACKNOWLEDGED_BY_" + via)
                .sender(acknowledgedBy)
                .recipient(delivery.recipient())
                .gatewayReference(delivery.outputReference())
                .documentType(delivery.documentType())
                .build());
        return Result.ACKNOWLEDGED;
    }
}
