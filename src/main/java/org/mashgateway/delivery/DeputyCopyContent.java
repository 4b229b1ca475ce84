package org.mashgateway.delivery;

import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.School;

/**
 * A school share nobody acknowledged in time, sent again as it is to the deputy address the
 * directory holds for the school when the copy goes (so a corrected directory is honoured). Its
 * outcome is also a line in the share's own history.
 */
final class DeputyCopyContent implements OutboxContent {

    static final String REASON = "ESCALATION_COPY_TO_DEPUTY";

    private final Courier courier;
    private final DeliveryRecords records;
    private final DeliveryMilestones milestones;
    private final Directory directory;
    private final DecisionLog decisions;
    private final Alerts alerts;

    DeputyCopyContent(Courier courier, DeliveryRecords records, DeliveryMilestones milestones, Directory directory,
            DecisionLog decisions, Alerts alerts) {
        this.courier = courier;
        this.records = records;
        this.milestones = milestones;
        this.directory = directory;
        this.decisions = decisions;
        this.alerts = alerts;
    }

    @Override
    public OutboxKind kind() {
        return OutboxKind.DEPUTY_COPY;
    }

    @Override
    public String send(DeliveryState copy) {
        DeliveryState share = records.findByOutputReference(copy.sourceReference())
                .orElseThrow(() -> DeliveryFailure.permanent("DELIVERY_NOT_FOUND", copy.sourceReference()));
        String deputy = directory.school(share.recipient()).map(School::deputyEmail)
                .filter(address -> !address.isBlank())
                .orElseThrow(() -> DeliveryFailure.permanent("NO_RECIPIENT_ADDRESS", copy.outputReference()));
        return courier.deliverCopy(share, deputy);
    }

    @Override
    public void sent(DeliveryState copy, int attempts) {
        milestones.deputyCopySent(copy.sourceReference(), attempts);
        decisions.append(Decision.of(DecisionKind.DELIVERED)
                .reasonCode(REASON)
                .sender(copy.sendingForce())
                .recipient(copy.recipient())
                .gatewayReference(copy.sourceReference())
                .documentType(copy.documentType())
                .build());
    }

    @Override
    public void failed(DeliveryState copy, String reasonCode, String lastFault, int attempts) {
        milestones.deputyCopyFailed(copy.sourceReference(), reasonCode, attempts);
        decisions.append(Decision.of(DecisionKind.FAILED)
                .reasonCode(reasonCode)
                .sender(copy.sendingForce())
                .recipient(copy.recipient())
                .gatewayReference(copy.sourceReference())
                .documentType(copy.documentType())
                .build());
        alerts.raiseWithin(AlertKind.DELIVERY, reasonCode, "escalation copy of delivery " + copy.sourceReference()
                + " to the deputy of SCHOOL " + copy.recipient() + " failed after " + attempts + " attempt(s)");
    }
}
