package org.mashgateway.protection;

/**
 * A message could not be protected or opened. Carries a fixed reason code for the delivery state,
 * the quarantine and the alert; the message text never holds personal data or document content.
 */
public abstract class ProtectionException extends RuntimeException {

    private final String reasonCode;

    ProtectionException(String reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    /** A fixed code such as {@code NO_RECIPIENT_CERTIFICATE} or {@code BAD_SIGNATURE}. */
    public String reasonCode() {
        return reasonCode;
    }
}
