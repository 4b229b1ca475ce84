package org.mashgateway.delivery;

/** Where one output stands (interfaces.md, the delivery status body). */
public enum DeliveryStatus {
    /** In the outbox: not yet sent, or waiting to be tried again after a transient fault. */
    PENDING,
    /** The recipient's mail server or queue accepted it. */
    SENT,
    /** A person at the recipient confirmed receipt. */
    ACKNOWLEDGED,
    /** Not delivered, for good: a permanent fault or retries exhausted; an admin has been alerted. */
    FAILED,
    /** The policy decided to send this recipient nothing; the reason code says why. */
    NOT_SHARED
}
