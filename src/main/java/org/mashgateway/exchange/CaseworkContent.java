package org.mashgateway.exchange;

import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.delivery.DeliveryFailure;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.delivery.OutboxContent;
import org.mashgateway.delivery.OutboxKind;
import org.mashgateway.delivery.QueueMessages;
import org.mashgateway.directory.CaseSystem;
import org.mashgateway.directory.Directory;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.NoUsableCertificateException;
import org.mashgateway.protection.Outgoing;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.store.MessageStore;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;

/**
 * A CASEWORK entry of the outbox, sent to the MASH case system on {@code mash.out.casework}: signed
 * by the gateway and encrypted to the case system's directory certificates (the same S/MIME bytes an
 * agency's queue gets), with only the properties the contract allows. A broker that refuses is a
 * transient fault; an entry that can never go (no certificate, case system not in the directory,
 * body gone) fails at once with a DELIVERY alert. Sending is at least once: a node that stops
 * between the send and recording it sends again, under the same {@code MashReference}, which the
 * case system uses to recognise the repeat.
 */
final class CaseworkContent implements OutboxContent {

    private final MessageStore bodies;
    private final Directory directory;
    private final MessageProtection protection;
    private final SecurityLabel label;
    private final JmsTemplate jms;
    private final DecisionLog decisions;
    private final Alerts alerts;

    CaseworkContent(MessageStore bodies, Directory directory, MessageProtection protection, SecurityLabel label,
            JmsTemplate jms, DecisionLog decisions, Alerts alerts) {
        this.bodies = bodies;
        this.directory = directory;
        this.protection = protection;
        this.label = label;
        this.jms = jms;
        this.decisions = decisions;
        this.alerts = alerts;
    }

    @Override
    public OutboxKind kind() {
        return OutboxKind.CASEWORK;
    }

    @Override
    public String send(DeliveryState output) {
        byte[] mime = protect(output);
        try {
            jms.send(BrokerAddresses.CASEWORK, QueueMessages.protectedEntry(output, mime));
        } catch (JmsException e) {
            throw DeliveryFailure.retryable("BROKER_UNAVAILABLE", e.getClass().getSimpleName(), e);
        }
        return null;
    }

    private byte[] protect(DeliveryState output) {
        CaseworkBody body = bodies.get(output.outputReference()).map(CaseworkBody::unpack)
                .orElseThrow(() -> DeliveryFailure.permanent("BODY_NOT_AVAILABLE", output.outputReference()));
        CaseSystem caseSystem = directory.caseSystem(output.recipient())
                .orElseThrow(() -> DeliveryFailure.permanent("RECIPIENT_NOT_IN_DIRECTORY", output.outputReference()));
        try {
            return protection.protect(new Outgoing(body.text(), body.document(), output.outputReference() + ".xml",
                    caseSystem.certificates(), true, label)).mimeBytes();
        } catch (NoUsableCertificateException e) {
            throw DeliveryFailure.permanent(NoUsableCertificateException.REASON_CODE, output.outputReference(), e);
        }
    }

    @Override
    public void sent(DeliveryState output, int attempts) {
        decisions.append(Decision.of(DecisionKind.DELIVERED)
                .policyVersion(InformationResponseIntake.EXCHANGE_RULES_VERSION)
                .recipient(output.recipient())
                .gatewayReference(output.outputReference())
                .documentType(output.documentType())
                .build());
    }

    @Override
    public void failed(DeliveryState output, String reasonCode, String lastFault, int attempts) {
        decisions.append(Decision.of(DecisionKind.FAILED)
                .policyVersion(InformationResponseIntake.EXCHANGE_RULES_VERSION)
                .reasonCode(reasonCode)
                .recipient(output.recipient())
                .gatewayReference(output.outputReference())
                .documentType(output.documentType())
                .build());
        alerts.raiseWithin(AlertKind.DELIVERY, reasonCode, "casework output " + output.outputReference()
                + " to case system " + output.recipient() + " cannot be sent after " + attempts + " attempt(s)"
                + (lastFault == null ? "" : " (last fault " + lastFault + ")"));
    }
}
