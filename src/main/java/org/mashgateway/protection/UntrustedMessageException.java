package org.mashgateway.protection;

/** An inbound message that must be quarantined and never processed, with the reason why. */
public final class UntrustedMessageException extends ProtectionException {

    /** Why an inbound message was refused. */
    public enum Reason {
        /** Not an S/MIME enveloped entity: clear or signed-only mail. */
        NOT_ENCRYPTED,
        /** Not for the gateway's key, or the ciphertext is damaged or tampered with. */
        CANNOT_DECRYPT,
        /** Decrypted, but carries no signature. */
        UNSIGNED,
        /**
         * The signature does not match the content, uses a digest weaker than SHA-256, or claims a
         * signing time further in the future than the clock skew allows.
         */
        BAD_SIGNATURE,
        /** The signer's certificate is missing, or does not chain to a trust anchor at the time of receipt. */
        UNTRUSTED_SIGNER,
        /**
         * The signer's certificate is expired or not yet valid at the time of receipt (give or take the
         * clock skew), whatever signing time it claims: the code HTTPS gives such a client certificate.
         */
        CERTIFICATE_EXPIRED,
        /** Signed and trusted, but carries no XML document. */
        NO_DOCUMENT
    }

    private final Reason reason;

    UntrustedMessageException(Reason reason, Throwable cause) {
        super(reason.name(), reason.name(), cause);
        this.reason = reason;
    }

    UntrustedMessageException(Reason reason) {
        this(reason, null);
    }

    public Reason reason() {
        return reason;
    }
}
