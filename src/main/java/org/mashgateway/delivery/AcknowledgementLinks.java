package org.mashgateway.delivery;

import org.mashgateway.policy.RecipientShare;

/**
 * Gives a share that people must acknowledge its single-use acknowledgement link, as it is
 * scheduled: called by {@link Deliveries#schedule} in the caller's transaction, so the link exists
 * exactly when the delivery does.
 */
public interface AcknowledgementLinks {

    /** The text to send for {@code share}: with the link paragraph when it needs one, else unchanged. */
    String textFor(RecipientShare share);
}
