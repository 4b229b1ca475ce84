package org.mashgateway.console;

/** Why an admin released or discarded a quarantined message: a fixed list, recorded as a code. */
enum QuarantineReason {
    /** Release: what made the intake fail (store, directory, policy) has been put right. */
    CAUSE_FIXED(true),
    /** Release: the sender confirmed the message is genuine and wants it processed. */
    SENDER_CONFIRMED(true),
    /** Discard: the sender has been told and will send a corrected message. */
    SENDER_WILL_RESEND(false),
    /** Discard: the same document has been accepted since. */
    DUPLICATE(false),
    /** Discard: a test message sent to the live gateway. */
    TEST_MESSAGE(false),
    /** Discard: not a document the gateway should ever take (forged, malformed, wrong system). */
    NOT_ACCEPTABLE(false);

    private final boolean release;

    QuarantineReason(boolean release) {
        this.release = release;
    }

    boolean forRelease() {
        return release;
    }
}
