package org.mashgateway.policy;

/**
 * A recipient class considered and deliberately sent nothing, with the reason code (e.g.
 * CHILD_NOT_STATUTORY_SCHOOL_AGE). {@code recipient} is the URN or code when one is known, else null.
 */
public record NotShared(RecipientType recipientType, String recipient, String reasonCode) {}
