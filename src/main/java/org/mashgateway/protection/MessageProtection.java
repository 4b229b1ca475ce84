package org.mashgateway.protection;

import jakarta.mail.internet.MimePart;

/**
 * Protects what the gateway sends and checks what it receives, so that no other part of the gateway
 * handles keys or Bouncy Castle.
 */
public interface MessageProtection {

    /**
     * Signs the outgoing text and XML document with the gateway's key, with the outgoing security
     * label, then encrypts the result to every usable recipient certificate.
     *
     * @throws NoUsableCertificateException when none of the offered certificates may be used
     */
    ProtectedMessage protect(Outgoing outgoing);

    /**
     * Signs without encrypting, for recipients whose directory entry says {@code protection: tls}:
     * such a message may only travel over verified TLS. The recipient certificates of
     * {@code outgoing} are ignored.
     */
    ProtectedMessage signOnly(Outgoing outgoing);

    /**
     * Decrypts an inbound S/MIME entity with the gateway's key and verifies its signature against the
     * configured trust anchors.
     *
     * @throws UntrustedMessageException with the reason the message must be quarantined
     */
    Unprotected open(MimePart message);

    /** As {@link #open(MimePart)}, for the raw MIME bytes of a message (e.g. a JMS BytesMessage). */
    Unprotected open(byte[] mimeBytes);
}
