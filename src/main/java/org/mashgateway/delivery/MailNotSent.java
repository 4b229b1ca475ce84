package org.mashgateway.delivery;

/**
 * A mail sent outside the delivery outbox (an escalation copy, an alert for the admins) did not
 * go: the reason code of docs/delivery.md and whether trying again later can help.
 */
public final class MailNotSent extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reasonCode;
    private final boolean transientFault;

    MailNotSent(String reasonCode, boolean transientFault, Throwable cause) {
        super(reasonCode, cause, false, false);
        this.reasonCode = reasonCode;
        this.transientFault = transientFault;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public boolean isTransient() {
        return transientFault;
    }
}
