package org.mashgateway.delivery;

/**
 * Why one attempt to deliver did not succeed, as a reason code, and whether trying again later can
 * help (a server down or busy) or not (a 5xx refusal, no certificate). The message holds codes and
 * references only.
 */
public final class DeliveryFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reasonCode;
    private final boolean transientFault;
    private final transient byte[] protectedMime;

    private DeliveryFailure(String reasonCode, boolean transientFault, String detail, Throwable cause,
            byte[] protectedMime) {
        super(reasonCode + (detail == null ? "" : ": " + detail), cause, false, false);
        this.reasonCode = reasonCode;
        this.transientFault = transientFault;
        this.protectedMime = protectedMime;
    }

    private DeliveryFailure(String reasonCode, boolean transientFault, String detail, Throwable cause) {
        this(reasonCode, transientFault, detail, cause, null);
    }

    /** The same failure, carrying the protected message that could not be sent (to park it). */
    DeliveryFailure carrying(byte[] mime) {
        return new DeliveryFailure(reasonCode, transientFault, null, getCause(), mime);
    }

    /** The signed and encrypted message the attempt failed to send, or null when none was made. */
    byte[] protectedMime() {
        return protectedMime == null ? null : protectedMime.clone();
    }

    /** A fault that may pass: retried with back-off. */
    public static DeliveryFailure retryable(String reasonCode, String detail, Throwable cause) {
        return new DeliveryFailure(reasonCode, true, detail, cause);
    }

    /** A fault that will not pass by waiting: the delivery fails at once. */
    public static DeliveryFailure permanent(String reasonCode, String detail) {
        return new DeliveryFailure(reasonCode, false, detail, null);
    }

    public static DeliveryFailure permanent(String reasonCode, String detail, Throwable cause) {
        return new DeliveryFailure(reasonCode, false, detail, cause);
    }

    public String reasonCode() {
        return reasonCode;
    }

    public boolean isTransient() {
        return transientFault;
    }
}
