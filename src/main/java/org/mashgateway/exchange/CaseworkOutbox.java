package org.mashgateway.exchange;

import org.mashgateway.delivery.Outbox;
import org.mashgateway.store.MessageStore;
import org.springframework.stereotype.Service;

/**
 * Puts a document for the MASH case system into the outbox (a CASEWORK entry) with its body, in the
 * caller's transaction: it commits with what it reports or not at all, and the outbox worker sends
 * it to {@code mash.out.casework} afterwards ({@link CaseworkContent}). This is what makes an
 * accepted response impossible to lose between the database and the broker.
 */
@Service
public class CaseworkOutbox {

    private final Outbox outbox;
    private final MessageStore bodies;

    CaseworkOutbox(Outbox outbox, MessageStore bodies) {
        this.outbox = outbox;
        this.bodies = bodies;
    }

    /**
     * Schedules one document for the case system.
     *
     * @param reference the gateway reference the case system receives it under ({@code MashReference})
     * @param sourceReference the gateway reference of what it reports on (e.g. the accepted response)
     * @param caseSystem the directory code of the case system it goes to
     * @param documentType {@code MashDocumentType}, e.g. {@code InformationResponse}
     * @param kind {@code MashKind}, e.g. {@code RESPONSE}
     * @param text the rendering for people (no personal data needed: the document carries the content)
     * @param document the XML document, attached byte for byte
     */
    public void schedule(String reference, String sourceReference, String caseSystem, String documentType, String kind,
            String text, byte[] document) {
        outbox.casework(reference, sourceReference, caseSystem, documentType, kind);
        bodies.put(reference, new CaseworkBody(text, document).pack());
    }
}
