package org.mashgateway.acknowledgement;

import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.delivery.DeliveryMilestones;
import org.mashgateway.delivery.DeliveryMilestones.Acknowledged;
import org.mashgateway.delivery.DeliveryState;
import org.springframework.stereotype.Service;

/**
 * Records that a recipient confirmed receipt of a delivery: ACKNOWLEDGED with the gateway's time
 * (by {@link DeliveryMilestones}, with its history line), from SENT or, when the acknowledgement
 * overtook the worker's record of sending, from PENDING; with an ACKNOWLEDGED decision record.
 * Joins the caller's transaction; a second acknowledgement of the same delivery changes nothing. A
 * FAILED delivery was never received, by any channel: its acknowledgement is refused
 * ({@value #NOT_SENT}), so that the admins keep seeing the failure.
 */
@Service
class DeliveryAcknowledgement {

    /** The reason code of a refused acknowledgement of a delivery that was not sent. */
    static final String NOT_SENT = "DELIVERY_NOT_SENT";

    /** The channel name of a person pressing the button behind an acknowledgement link. */
    static final String LINK = "LINK";

    private final DeliveryMilestones milestones;
    private final DecisionLog decisions;

    DeliveryAcknowledgement(DeliveryMilestones milestones, DecisionLog decisions) {
        this.milestones = milestones;
        this.decisions = decisions;
    }

    /**
     * @param acknowledgedBy the agency code or school URN that acknowledged
     * @param via how: HTTPS, QUEUE, MAIL (an Acknowledgement document) or LINK (a person)
     */
    Acknowledged acknowledge(DeliveryState delivery, String acknowledgedBy, String via) {
        Acknowledged result = milestones.acknowledge(delivery, acknowledgedBy, via);
        if (result == Acknowledged.ACKNOWLEDGED) {
            // Last, as DecisionLog asks: the chain head stays locked until the caller commits.
            decisions.append(Decision.of(DecisionKind.ACKNOWLEDGED)
                    .reasonCode("ACKNOWLEDGED_BY_" + via)
                    .sender(acknowledgedBy)
                    .recipient(delivery.recipient())
                    .gatewayReference(delivery.outputReference())
                    .documentType(delivery.documentType())
                    .build());
        }
        return result;
    }
}
