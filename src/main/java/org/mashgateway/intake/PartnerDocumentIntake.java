package org.mashgateway.intake;

import java.util.List;
import java.util.Set;
import org.mashgateway.directory.Caller;
import org.mashgateway.xml.DocumentType;

/**
 * Takes in one kind of document a partner sends the gateway (an InformationResponse, an
 * Acknowledgement...), whichever channel it came by. Channels that carry several kinds (the IMAP
 * mailbox) read the document type and hand the body to the intake that takes it; the sender is
 * always already authenticated by the channel (client certificate, broker user, verified S/MIME
 * signer).
 */
public interface PartnerDocumentIntake {

    /** The document types this intake takes in. */
    Set<DocumentType> documentTypes();

    /**
     * Decides on one document: refused (with the rule broken), accepted before, or accepted now.
     *
     * @throws StoreUnavailableException when the outcome cannot be made durable now
     */
    IntakeOutcome receive(Caller caller, byte[] body, IngressChannel via);

    /**
     * The intake among {@code intakes} that takes {@code type}; the queue and HTTPS ingresses name
     * their document type, so a missing bean is a wiring error, found at the first message.
     */
    static PartnerDocumentIntake taking(List<PartnerDocumentIntake> intakes, DocumentType type) {
        return intakes.stream()
                .filter(intake -> intake.documentTypes().contains(type))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No intake takes " + type));
    }
}
