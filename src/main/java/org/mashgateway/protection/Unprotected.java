package org.mashgateway.protection;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * What an inbound S/MIME message turned out to hold once decrypted and its signature checked: who
 * signed it and the document it carries. The caller still checks that the signer is the agency the
 * document claims to come from.
 *
 * @param signer the certificate of the verified signer (it chains to a trust anchor)
 * @param signingTime the signing time the signer claimed, or the time of checking if it claimed none
 * @param text the text/plain part, empty if the message had none
 * @param xml the attached XML document, byte for byte
 * @param xmlFileName the attachment's file name, empty if it had none
 * @param label the ESS security label in the signature, if any
 */
public record Unprotected(
        X509Certificate signer,
        Instant signingTime,
        String text,
        byte[] xml,
        String xmlFileName,
        Optional<SecurityLabel> label) {

    public Unprotected {
        xml = xml.clone();
    }

    @Override
    public byte[] xml() {
        return xml.clone();
    }
}
