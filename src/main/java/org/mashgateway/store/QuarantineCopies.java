package org.mashgateway.store;

import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.stereotype.Component;

/**
 * Keeps the copy of a refused inbound document (a queue message or a mail) encrypted in the store
 * under a gateway reference of its own, instead of in plaintext in the broker's journal: the
 * quarantine queue's message carries only that reference and the reason. The copy is recorded as a
 * QUARANTINED decision of document type {@value #DOCUMENT_TYPE} naming the reference and the
 * document's hash, so the retention job destroys it like any body (its period can be set apart with
 * {@code mash.retention.days.QuarantineCopy}).
 */
@Component
public class QuarantineCopies {

    /** The document type of a quarantine copy in the decision record, and its retention rule's key. */
    public static final String DOCUMENT_TYPE = "QuarantineCopy";

    private final MessageStore store;
    private final GatewayReferences references;
    private final DecisionLog decisions;

    QuarantineCopies(MessageStore store, GatewayReferences references, DecisionLog decisions) {
        this.store = store;
        this.references = references;
        this.decisions = decisions;
    }

    /**
     * Stores the document and records it; returns the reference it is kept under.
     *
     * @param reasonCode why it was refused
     * @param sender     the authenticated sender, or null when unknown
     */
    public String keep(byte[] document, String reasonCode, String sender) {
        String reference = references.next();
        store.put(reference, document);
        decisions.append(Decision.of(DecisionKind.QUARANTINED)
                .reasonCode(reasonCode)
                .sender(sender)
                .gatewayReference(reference)
                .documentType(DOCUMENT_TYPE)
                .documentHash(Decision.sha256Hex(document))
                .build());
        return reference;
    }
}
