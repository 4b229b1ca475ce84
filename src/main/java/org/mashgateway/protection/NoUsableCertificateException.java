package org.mashgateway.protection;

/**
 * None of a recipient's certificates may be encrypted to (all expired, not yet valid, not chaining
 * to the trust anchors, or none offered): the delivery is held as FAILED.
 */
public final class NoUsableCertificateException extends ProtectionException {

    public static final String REASON_CODE = "NO_RECIPIENT_CERTIFICATE";

    NoUsableCertificateException(int offered) {
        super(REASON_CODE, REASON_CODE + ": none of " + offered + " offered certificate(s) is usable", null);
    }
}
