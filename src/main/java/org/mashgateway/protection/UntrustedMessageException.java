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
        /** The signature does not match the content, or uses a digest weaker than SHA-256. */
        BAD_SIGNATURE,
        /** The signer's certificate is missing, or does not chain to a trust anchor at signing time. */
        UNTRUSTED_SIGNER,
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
