package org.mashgateway.delivery;

import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;

/** A share to an agency or a school: DELIVERED or FAILED in the decision record, a DELIVERY alert when it fails. */
final class ShareContent implements OutboxContent {

    private final Courier courier;
    private final DecisionLog decisions;
    private final Alerts alerts;

    ShareContent(Courier courier, DecisionLog decisions, Alerts alerts) {
        this.courier = courier;
        this.decisions = decisions;
        this.alerts = alerts;
    }

    @Override
    public OutboxKind kind() {
        return OutboxKind.SHARE;
    }

    @Override
    public String send(DeliveryState share) {
        return courier.deliver(share);
    }

    @Override
    public void sent(DeliveryState share, int attempts) {
        decisions.append(Decision.of(DecisionKind.DELIVERED)
                .sender(share.sendingForce())
                .recipient(share.recipient())
                .gatewayReference(share.outputReference())
                .documentType(share.documentType())
                .build());
    }

    @Override
    public void failed(DeliveryState share, String reasonCode, String lastFault, int attempts) {
        decisions.append(Decision.of(DecisionKind.FAILED)
                .reasonCode(reasonCode)
                .sender(share.sendingForce())
                .recipient(share.recipient())
                .gatewayReference(share.outputReference())
                .documentType(share.documentType())
                .build());
        alerts.raiseWithin(AlertKind.DELIVERY, reasonCode, "delivery " + share.outputReference() + " to "
                + share.recipientType() + " " + share.recipient() + " by " + share.channel() + " failed after "
                + attempts + " attempt(s)" + (lastFault == null ? "" : " (last fault " + lastFault + ")"));
    }
}
