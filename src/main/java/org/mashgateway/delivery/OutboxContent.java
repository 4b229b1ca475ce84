package org.mashgateway.delivery;

/**
 * What one kind of outbox entry sends, and what its outcome means beyond the outbox. The worker
 * claims, leases, retries and records every entry the same way and calls the content of its kind:
 * {@link #send} with no transaction open, {@link #sent} and {@link #failed} inside the transaction
 * that records the outcome, so their own records commit with it or not at all.
 */
public interface OutboxContent {

    OutboxKind kind();

    /**
     * Builds the entry's message and hands it over.
     *
     * @return the Message-ID of a mail, null for a queue
     * @throws DeliveryFailure with a reason code, transient (tried again with the kind's back-off) or not
     */
    String send(DeliveryState entry);

    /** The entry was recorded SENT (attempts counts this one). */
    void sent(DeliveryState entry, int attempts);

    /** The entry was recorded FAILED for good: the decision and the alert that go with it. */
    void failed(DeliveryState entry, String reasonCode, String lastFault, int attempts);
}
