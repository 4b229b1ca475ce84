package org.mashgateway.delivery;

import java.time.Clock;
import org.mashgateway.directory.Channel;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.scheduling.AfterCommit;
import org.springframework.stereotype.Service;

/**
 * Puts entries other than shares (those come from {@link Deliveries}) in the one outbox, in the
 * caller's transaction: an entry commits with what it reports or not at all, and the worker is woken
 * when it commits. The entry is then claimed, leased, retried with its kind's back-off, paused and
 * recorded exactly like a share.
 */
@Service
public class Outbox {

    private final DeliveryRecords records;
    private final DeliveryWorker worker;
    private final GatewayReferences references;
    private final Clock clock;

    Outbox(DeliveryRecords records, DeliveryWorker worker, GatewayReferences references, Clock clock) {
        this.records = records;
        this.worker = worker;
        this.references = references;
        this.clock = clock;
    }

    /**
     * A document for the MASH case system on {@code mash.out.casework}; its body is stored by the
     * caller under {@code reference}.
     *
     * @param reference the gateway reference the case system receives it under ({@code MashReference})
     * @param sourceReference the gateway reference of what it reports on (e.g. the accepted response)
     * @param caseSystem the directory code of the case system
     * @param documentType {@code MashDocumentType}, e.g. {@code InformationResponse}
     * @param kind {@code MashKind}, e.g. {@code RESPONSE}
     */
    public void casework(String reference, String sourceReference, String caseSystem, String documentType, String kind) {
        if (!GatewayReferences.isWellFormed(reference) || !GatewayReferences.isWellFormed(sourceReference)) {
            throw new IllegalArgumentException("casework references must be gateway references");
        }
        records.insertEntry(OutboxKind.CASEWORK, reference, sourceReference, caseSystem, kind, documentType,
                Channel.QUEUE, null, null, null, clock.instant());
        AfterCommit.run(worker::wake);
    }

    /**
     * The school share {@code shareReference} sent again, as it is, to the school's deputy (the
     * address is read from the directory when the copy goes).
     */
    public void deputyCopy(String shareReference) {
        DeliveryState share = records.findByOutputReference(shareReference)
                .filter(found -> found.outboxKind() == OutboxKind.SHARE)
                .orElseThrow(() -> new IllegalArgumentException("only a share can be copied to a deputy"));
        records.insertEntry(OutboxKind.DEPUTY_COPY, references.next(), share.outputReference(), share.recipient(),
                share.kind(), share.documentType(), Channel.EMAIL, share.notificationReference(), share.sendingForce(),
                share.recipientType(), clock.instant());
        AfterCommit.run(worker::wake);
    }

    /**
     * A mail to the MASH admins of the alerts put in batch {@code batch} (the caller set their
     * {@code mail_batch}); the entry's content reads them when it goes.
     */
    public void alertMail(long batch) {
        records.insertEntry(OutboxKind.ALERT_MAIL, references.next(), String.valueOf(batch), "ADMINS", "ALERT", "Alerts",
                Channel.EMAIL, null, null, null, clock.instant());
        AfterCommit.run(worker::wake);
    }

    /** Whether the alert mail of batch {@code batch} is still in the outbox (waiting, retried, or paused). */
    public boolean alertMailWaiting(long batch) {
        return records.pending(OutboxKind.ALERT_MAIL, String.valueOf(batch));
    }
}
