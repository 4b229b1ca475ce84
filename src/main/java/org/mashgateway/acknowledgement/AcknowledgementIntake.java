package org.mashgateway.acknowledgement;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.intake.DocumentRefusals;
import org.mashgateway.intake.IngressChannel;
import org.mashgateway.intake.IntakeOutcome;
import org.mashgateway.intake.IntakeRecords;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.intake.PartnerDocumentIntake;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.Elements;
import org.mashgateway.xml.ParsedDocument;
import org.mashgateway.xml.XmlDocuments;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Element;

/**
 * Takes in an agency's Acknowledgement of a delivery it received, by whichever channel: the caller
 * must be the agency the delivery went to and must name itself as AcknowledgedBy. A reference the
 * gateway did not deliver to this caller is answered exactly like an unknown one, so an agency
 * cannot learn what was sent to others; trying it is a SECURITY alert.
 */
@Service
class AcknowledgementIntake implements PartnerDocumentIntake {

    static final String RULES_VERSION = "acknowledgement-1";

    private final XmlDocuments xml;
    private final Deliveries deliveries;
    private final DeliveryAcknowledgement acknowledgement;
    private final DecisionLog decisions;
    private final Alerts alerts;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    AcknowledgementIntake(XmlDocuments xml, Deliveries deliveries, DeliveryAcknowledgement acknowledgement,
            DecisionLog decisions, Alerts alerts, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.xml = xml;
        this.deliveries = deliveries;
        this.acknowledgement = acknowledgement;
        this.decisions = decisions;
        this.alerts = alerts;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Set<DocumentType> documentTypes() {
        return Set.of(DocumentType.ACKNOWLEDGEMENT);
    }

    @Override
    public IntakeOutcome receive(Caller caller, byte[] body, IngressChannel via) {
        return IntakeRecords.counted(meters, DocumentType.ACKNOWLEDGEMENT, via, () -> decide(caller, body, via));
    }

    private IntakeOutcome decide(Caller caller, byte[] body, IngressChannel via) {
        String documentHash = Decision.sha256Hex(body);
        ParsedDocument document;
        try {
            document = xml.read(body);
        } catch (DocumentRejectedException e) {
            Refused refused = DocumentRefusals.of(e, xml.maxBytes());
            if (DocumentRefusals.isSecurityEvent(e.reason())) {
                alerts.raise(AlertKind.SECURITY, refused.reasonCode(),
                        "refused acknowledgement from " + caller.kind() + " " + caller.code() + " via " + via);
            }
            return refuse(caller, via, documentHash, refused);
        }
        if (document.type() != DocumentType.ACKNOWLEDGEMENT) {
            return refuse(caller, via, documentHash, Refused.of(HttpStatus.BAD_REQUEST, "WRONG_DOCUMENT_TYPE",
                    "This ingress takes Acknowledgement (namespace " + DocumentType.ACKNOWLEDGEMENT.namespace()
                            + "), not " + document.type().rootName() + "."));
        }
        if (caller.kind() != CallerKind.AGENCY) {
            return refuse(caller, via, documentHash, Refused.of(HttpStatus.FORBIDDEN, "SENDER_NOT_AN_AGENCY",
                    "Only agencies acknowledge deliveries with an Acknowledgement document."));
        }
        Element root = document.document().getDocumentElement();
        String reference = Elements.text(root, "Reference").orElseThrow();
        String acknowledgedBy = Elements.text(root, "AcknowledgedBy").orElseThrow();
        if (!acknowledgedBy.equals(caller.code())) {
            alerts.raise(AlertKind.SECURITY, "FORGED_ACKNOWLEDGER", "acknowledgement from " + caller.kind() + " "
                    + caller.code() + " via " + via + " names another acknowledger");
            return refuse(caller, via, documentHash, Refused.of(HttpStatus.FORBIDDEN, "FORGED_ACKNOWLEDGER",
                    "AcknowledgedBy: must be the code of the agency whose certificate or account sent it."));
        }
        Optional<DeliveryState> found = deliveries.byOutputReference(reference);
        if (found.isEmpty() || found.get().recipientType() != RecipientType.AGENCY
                || !found.get().recipient().equals(caller.code())) {
            if (found.isPresent()) {
                alerts.raise(AlertKind.SECURITY, "ACKNOWLEDGEMENT_OF_ANOTHER_RECIPIENT", caller.kind() + " "
                        + caller.code() + " via " + via + " acknowledged delivery " + reference
                        + " that went to another recipient");
            }
            return refuse(caller, via, documentHash, Refused.of(HttpStatus.NOT_FOUND, "REFERENCE_NOT_FOUND",
                    "Reference: names no delivery the gateway made to this agency."));
        }
        IntakeOutcome outcome = transaction.execute(status -> {
            DeliveryState delivery = deliveries.byOutputReference(reference).orElseThrow();
            return switch (acknowledgement.acknowledge(delivery, caller.code(), via.name())) {
                case ACKNOWLEDGED -> new Accepted(reference, reference, false);
                case ALREADY_ACKNOWLEDGED -> new Accepted(reference, reference, true);
                case NOT_SENT -> Refused.of(HttpStatus.CONFLICT, DeliveryAcknowledgement.NOT_SENT,
                        "Reference: the delivery failed and was not sent; the MASH admins have been told.");
            };
        });
        return outcome instanceof Refused refused ? refuse(caller, via, documentHash, refused) : outcome;
    }

    private Refused refuse(Caller caller, IngressChannel via, String documentHash, Refused refused) {
        return IntakeRecords.refusal(decisions, RULES_VERSION, DocumentType.ACKNOWLEDGEMENT, caller, via, documentHash, refused);
    }
}
