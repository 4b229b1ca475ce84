package org.mashgateway.protection;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * The RFC 2634 ESS security label as ASN.1, which Bouncy Castle does not provide:
 *
 * <pre>
 * ESSSecurityLabel ::= SET {
 *   security-policy-identifier SecurityPolicyIdentifier,     -- OBJECT IDENTIFIER
 *   security-classification SecurityClassification OPTIONAL, -- INTEGER (0..256)
 *   privacy-mark ESSPrivacyMark OPTIONAL,                     -- PrintableString or UTF8String
 *   security-categories SecurityCategories OPTIONAL }         -- SET OF SecurityCategory
 * </pre>
 *
 * The gateway writes no security categories; on reading it tolerates and ignores them.
 */
final class EssSecurityLabel extends ASN1Object {

    /** id-aa-securityLabel, the signed attribute that carries the label. */
    static final ASN1ObjectIdentifier ATTRIBUTE_OID = new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.2");

    private final SecurityLabel label;

    EssSecurityLabel(SecurityLabel label) {
        this.label = label;
    }

    SecurityLabel label() {
        return label;
    }

    static EssSecurityLabel getInstance(ASN1Encodable encoded) {
        ASN1Set set = ASN1Set.getInstance(encoded);
        ASN1ObjectIdentifier policy = null;
        int classification = -1;
        String privacyMark = null;
        for (ASN1Encodable element : set) {
            ASN1Primitive primitive = element.toASN1Primitive();
            if (primitive instanceof ASN1ObjectIdentifier oid) {
                policy = oid;
            } else if (primitive instanceof ASN1Integer integer) {
                classification = integer.intValueExact();
            } else if (primitive instanceof ASN1UTF8String utf8) {
                privacyMark = utf8.getString();
            } else if (primitive instanceof ASN1PrintableString printable) {
                privacyMark = printable.getString();
            }
        }
        if (policy == null) {
            throw new IllegalArgumentException("ESS security label without a security policy identifier");
        }
        return new EssSecurityLabel(new SecurityLabel(policy.getId(), classification, privacyMark));
    }

    @Override
    public ASN1Primitive toASN1Primitive() {
        ASN1EncodableVector elements = new ASN1EncodableVector(3);
        elements.add(new ASN1ObjectIdentifier(label.policyOid()));
        if (label.classification() >= 0) {
            elements.add(new ASN1Integer(label.classification()));
        }
        if (label.privacyMark() != null) {
            elements.add(new DERUTF8String(label.privacyMark()));
        }
        // A SET must be DER-sorted; DERSet does that.
        return new DERSet(elements);
    }
}
