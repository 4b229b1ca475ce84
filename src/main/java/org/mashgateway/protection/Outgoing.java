package org.mashgateway.protection;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One message to protect for one recipient agency: the human-readable rendering, the XML document
 * it carries and how the recipient can be reached.
 *
 * @param text the rendering for people; becomes {@code text/plain; charset=UTF-8} (its first line
 *     {@code OFFICIAL-SENSITIVE} is the caller's job)
 * @param xml the XML document, attached byte for byte as base64 {@code application/xml}
 * @param xmlFileName the attachment's file name, e.g. {@code MASH-2026-000123.xml}
 * @param recipientCertificates every certificate the recipient currently publishes; during a key
 *     rollover there are several and the message is encrypted to each usable one
 * @param recipientReadsGcm whether the recipient can open AES-GCM AuthEnvelopedData; when false the
 *     message is AES-256-CBC EnvelopedData
 * @param label the security label put in the signature
 */
public record Outgoing(
        String text,
        byte[] xml,
        String xmlFileName,
        List<X509Certificate> recipientCertificates,
        boolean recipientReadsGcm,
        SecurityLabel label) {

    public Outgoing {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(xmlFileName, "xmlFileName");
        Objects.requireNonNull(label, "label");
        xml = xml.clone();
        recipientCertificates = List.copyOf(recipientCertificates);
    }

    @Override
    public byte[] xml() {
        return xml.clone();
    }
}
