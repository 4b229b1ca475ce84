package org.mashgateway.delivery;

import org.mashgateway.policy.RecipientShare;

/**
 * The single-use acknowledgement link of a share that people must acknowledge. Issued as the share
 * is scheduled ({@link Deliveries#schedule}, in the caller's transaction, so the link exists exactly
 * when the delivery does), but the stored text holds only a placeholder: the working link is put in
 * by {@link Courier} as it builds the protected message, so no token is ever at rest.
 */
public interface AcknowledgementLinks {

    /**
     * Whether people must acknowledge {@code share} (it gets a link): then the escalation watch
     * waits for its acknowledgement from the moment it is planned.
     */
    boolean awaitsAcknowledgement(RecipientShare share);

    /** The text to store for {@code share}: with the link paragraph, its link a placeholder, when it needs one; else unchanged. */
    String textToStore(RecipientShare share);

    /**
     * The text to send for {@code delivery}: {@code storedText} with its placeholder replaced by the
     * working link (or, for a delivery that FAILED, by a line saying the copy has none).
     */
    String textToSend(DeliveryState delivery, String storedText);

    /**
     * Gives a FAILED delivery that an admin puts back in the outbox a new token (in the caller's
     * transaction): any copy of its failed mail (the dead-letter queue keeps one) no longer works.
     */
    void reissue(String outputReference);
}
