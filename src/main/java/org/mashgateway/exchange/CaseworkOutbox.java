package org.mashgateway.exchange;

import java.time.Clock;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.scheduling.AfterCommit;
import org.mashgateway.store.MessageStore;
import org.springframework.stereotype.Service;

/**
 * Puts a document for the MASH case system into the casework outbox, in the caller's transaction:
 * it commits with what it reports or not at all, and the {@link CaseworkDispatcher} sends it to
 * {@code mash.out.casework} afterwards (woken at the commit). This is what makes an accepted
 * response impossible to lose between the database and the broker.
 */
@Service
public class CaseworkOutbox {

    private final CaseworkOutputs outputs;
    private final MessageStore bodies;
    private final CaseworkDispatcher dispatcher;
    private final Clock clock;

    CaseworkOutbox(CaseworkOutputs outputs, MessageStore bodies, CaseworkDispatcher dispatcher, Clock clock) {
        this.outputs = outputs;
        this.bodies = bodies;
        this.dispatcher = dispatcher;
        this.clock = clock;
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
        if (!GatewayReferences.isWellFormed(reference) || !GatewayReferences.isWellFormed(sourceReference)) {
            throw new IllegalArgumentException("casework output references must be gateway references");
        }
        outputs.insertPending(new CaseworkOutputs.Output(reference, sourceReference, caseSystem, documentType, kind, 0),
                clock.instant());
        bodies.put(reference, new CaseworkBody(text, document).pack());
        AfterCommit.run(dispatcher::wake);
    }
}
