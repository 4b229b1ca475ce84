package org.mashgateway.protection;

import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;

/**
 * The machine-readable classification that travels with every message the gateway sends: an RFC
 * 2634 ESS security label in the signature and the same label in the RFC 7444 {@code SIO-Label}
 * header.
 *
 * @param policyOid the security policy the classification values belong to
 * @param classification the classification under that policy, or -1 for none
 * @param privacyMark the human-readable marking, or null for none
 */
public record SecurityLabel(String policyOid, int classification, String privacyMark) {

    /**
     * A PLACEHOLDER policy arc: no UK security policy OID for the Government Security
     * Classifications is published for use in ESS labels. Deployments that have one set
     * {@code mash.protection.label-policy-oid}.
     */
    public static final String PLACEHOLDER_POLICY_OID = "1.3.6.1.4.1.58888.1.1";

    /** Classification value of OFFICIAL under the gateway's (placeholder) policy. */
    public static final int OFFICIAL = 1;

    /** Classification value of OFFICIAL-SENSITIVE under the gateway's (placeholder) policy. */
    public static final int OFFICIAL_SENSITIVE = 2;

    /** The RFC 7444 header field name. */
    public static final String SIO_LABEL_HEADER = "SIO-Label";

    public SecurityLabel {
        Objects.requireNonNull(policyOid, "policyOid");
        if (classification < -1 || classification > 256) {
            throw new IllegalArgumentException("classification must be 0..256 (or -1 for none)");
        }
    }

    /** The label of everything the gateway emits. */
    public static SecurityLabel officialSensitive(String policyOid) {
        return new SecurityLabel(policyOid, OFFICIAL_SENSITIVE, "OFFICIAL-SENSITIVE");
    }

    /** The DER encoding of the ESS security label. */
    public byte[] essEncoded() {
        try {
            return new EssSecurityLabel(this).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The value of the {@code SIO-Label} header (RFC 7444 section 2), already folded for a header
     * named {@value #SIO_LABEL_HEADER}: the display marking, and the same label in structured form
     * ({@code type=":ess"}, {@code label} the base64 of the DER ESS security label), e.g.
     * {@code marking="OFFICIAL-SENSITIVE"; type=":ess"; label="MSMCAQIGCisGAQQBg8wIAQEMEk9GRklDSUFMLVNFTlNJVElWRQ=="}.
     */
    public String sioLabel() {
        StringBuilder value = new StringBuilder();
        if (privacyMark != null) {
            value.append("marking=").append(quoted(privacyMark)).append("; ");
        }
        value.append("type=\":ess\"; label=\"").append(Base64.getEncoder().encodeToString(essEncoded())).append('"');
        return MimeUtility.fold(SIO_LABEL_HEADER.length() + 2, value.toString());
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
