package org.mashgateway.protection;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.mail.smime.SMIMEAuthEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMEException;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.util.Store;

/**
 * The gateway's S/MIME profile with Bouncy Castle: SHA-256 with RSA signatures carrying signing
 * time, S/MIME capabilities and an ESS security label; AES-256-GCM AuthEnvelopedData (AES-256-CBC
 * EnvelopedData for recipients that cannot read GCM) with RSA-OAEP (SHA-256) key transport. See
 * docs/decisions/0005-smime-profile.md.
 */
final class SmimeMessageProtection implements MessageProtection {

    /**
     * Bouncy Castle's provider, used only where the JDK lacks something (AES-GCM parameters looked up
     * by OID when decrypting; certificate parsing): the JDK's providers sign, wrap keys and encrypt
     * with CPU intrinsics, which measured 4.1 ms against 2.4 ms of CPU per GCM mail. Not registered
     * globally, so nothing else in the gateway changes.
     */
    private static final Provider BC = new BouncyCastleProvider();

    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    /** Digests accepted on inbound signatures: SHA-256 or stronger. */
    private static final Set<String> ACCEPTED_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256.getId(),
            NISTObjectIdentifiers.id_sha384.getId(),
            NISTObjectIdentifiers.id_sha512.getId());

    private static final AlgorithmIdentifier RSA_OAEP_SHA256 = oaepSha256();

    private final SigningIdentity identity;
    private final RecipientCertificates recipients;
    private final TrustAnchors signerTrust;
    private final Clock clock;
    /** How far a sender's clock may differ from the gateway's (mash.mail.signature-clock-skew). */
    private final Duration signatureClockSkew;

    SmimeMessageProtection(SigningIdentity identity, RecipientCertificates recipients, TrustAnchors signerTrust,
            Clock clock, Duration signatureClockSkew) {
        this.identity = identity;
        this.recipients = recipients;
        this.signerTrust = signerTrust;
        this.clock = clock;
        this.signatureClockSkew = signatureClockSkew;
    }

    @Override
    public ProtectedMessage protect(Outgoing outgoing) {
        List<X509Certificate> usable = recipients.usable(outgoing.recipientCertificates());
        return new ProtectedMessage(bytes(envelope(sign(outgoing), usable, outgoing.recipientReadsGcm())));
    }

    /**
     * Signs and encrypts to the gateway's own certificate, without the checks a recipient's
     * certificate gets: the warm-up's exercise of this path; the result is never sent.
     */
    byte[] protectToSelf(Outgoing outgoing) {
        return bytes(envelope(sign(outgoing), List.of(identity.certificate()), outgoing.recipientReadsGcm()));
    }

    @Override
    public ProtectedMessage signOnly(Outgoing outgoing) {
        return new ProtectedMessage(bytes(sign(outgoing)));
    }

    /** The signed {@code multipart/signed} entity around the text and the XML attachment. */
    MimeBodyPart sign(Outgoing outgoing) {
        try {
            SMIMESignedGenerator generator = new SMIMESignedGenerator(SMIMESignedGenerator.RFC5751_MICALGS);
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                    
                    .setSignedAttributeGenerator(signedAttributes(outgoing.label()))
                    .build(SIGNATURE_ALGORITHM, identity.key(), identity.certificate()));
            generator.addCertificates(new JcaCertStore(identity.chain()));
            MimeMultipart signed = generator.generate(content(outgoing));
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(signed);
            // A bare body part gets its Content-Type only from a parent's saveChanges: set it here.
            part.setHeader("Content-Type", signed.getContentType());
            return part;
        } catch (MessagingException | SMIMEException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Encrypts {@code content} to every one of {@code certificates} (already checked usable). */
    MimeBodyPart envelope(MimeBodyPart content, List<X509Certificate> certificates, boolean gcm) {
        try {
            SMIMEEnvelopedGenerator generator = gcm ? new SMIMEAuthEnvelopedGenerator() : new SMIMEEnvelopedGenerator();
            for (X509Certificate certificate : certificates) {
                generator.addRecipientInfoGenerator(
                        new JceKeyTransRecipientInfoGenerator(certificate, RSA_OAEP_SHA256));
            }
            ASN1ObjectIdentifier cipher = gcm ? CMSAlgorithm.AES256_GCM : CMSAlgorithm.AES256_CBC;
            return generator.generate(content, new JceCMSContentEncryptorBuilder(cipher).build());
        } catch (CertificateException | SMIMEException | CMSException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    @Override
    public Unprotected open(byte[] mimeBytes) {
        try {
            // A shared stream: the parsed message points into mimeBytes instead of copying its content.
            return open(new MimeMessage(null, new SharedByteArrayInputStream(mimeBytes)));
        } catch (MessagingException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.NOT_ENCRYPTED, e);
        }
    }

    @Override
    public Unprotected open(MimePart message) {
        return verify(decrypt(message));
    }

    private MimeBodyPart decrypt(MimePart message) {
        ContentInfo contentInfo;
        try {
            ContentType type = new ContentType(message.getContentType());
            if (!type.match("application/pkcs7-mime") && !type.match("application/x-pkcs7-mime")) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.NOT_ENCRYPTED);
            }
            try (InputStream in = message.getInputStream()) {
                contentInfo = ContentInfo.getInstance(in.readAllBytes());
            }
        } catch (MessagingException | IOException | IllegalArgumentException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.CANNOT_DECRYPT, e);
        }
        // The CMS content type decides, not the smime-type parameter, which senders get wrong.
        ASN1ObjectIdentifier kind = contentInfo.getContentType();
        try {
            RecipientInformationStore store;
            Recipient recipient;
            if (CMSObjectIdentifiers.authEnvelopedData.equals(kind)) {
                store = new CMSAuthEnvelopedData(contentInfo).getRecipientInfos();
                recipient = new JceKeyTransAuthEnvelopedRecipient(identity.key()).setContentProvider(BC);
            } else if (CMSObjectIdentifiers.envelopedData.equals(kind)) {
                store = new CMSEnvelopedData(contentInfo).getRecipientInfos();
                recipient = new JceKeyTransEnvelopedRecipient(identity.key()).setContentProvider(BC);
            } else if (CMSObjectIdentifiers.signedData.equals(kind)) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.NOT_ENCRYPTED);
            } else {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.CANNOT_DECRYPT);
            }
            RecipientInformation mine = store.get(new JceKeyTransRecipientId(identity.certificate()));
            if (mine == null) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.CANNOT_DECRYPT);
            }
            return new MimeBodyPart(new SharedByteArrayInputStream(mine.getContent(recipient)));
        } catch (CMSException | MessagingException | RuntimeException e) {
            if (e instanceof UntrustedMessageException untrusted) {
                throw untrusted;
            }
            throw new UntrustedMessageException(UntrustedMessageException.Reason.CANNOT_DECRYPT, e);
        }
    }

    private Unprotected verify(MimeBodyPart decrypted) {
        SMIMESigned signed = signedContent(decrypted);
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.UNSIGNED);
        }
        List<X509Certificate> carried = carriedCertificates(signed.getCertificates());
        Instant receivedAt = clock.instant();
        X509Certificate signer = null;
        Instant signingTime = null;
        SecurityLabel label = null;
        for (SignerInformation information : signers) {
            X509Certificate certificate = certificateOf(information, signed.getCertificates());
            verifySignature(information, certificate);
            Instant claimed = signingTime(information, receivedAt);
            Instant checkedAt = certificateCheckTime(claimed, receivedAt);
            try {
                certificate.checkValidity(Date.from(checkedAt));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.CERTIFICATE_EXPIRED, e);
            }
            if (!signerTrust.chains(certificate, carried, checkedAt)) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.UNTRUSTED_SIGNER);
            }
            if (signer == null) {
                signer = certificate;
                signingTime = claimed;
                label = label(information);
            }
        }
        return document(signed, signer, signingTime, label);
    }

    private static SMIMESigned signedContent(MimeBodyPart decrypted) {
        try {
            if (decrypted.isMimeType("multipart/signed")) {
                return new SMIMESigned((MimeMultipart) decrypted.getContent());
            }
            if (decrypted.isMimeType("application/pkcs7-mime") || decrypted.isMimeType("application/x-pkcs7-mime")) {
                return new SMIMESigned(decrypted);
            }
        } catch (MessagingException | CMSException | SMIMEException | IOException | ClassCastException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE, e);
        }
        throw new UntrustedMessageException(UntrustedMessageException.Reason.UNSIGNED);
    }

    private static X509Certificate certificateOf(SignerInformation information, Store<X509CertificateHolder> store) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = store.getMatches(information.getSID());
        if (matches.isEmpty()) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.UNTRUSTED_SIGNER);
        }
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(matches.iterator().next());
        } catch (CertificateException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.UNTRUSTED_SIGNER, e);
        }
    }

    private static List<X509Certificate> carriedCertificates(Store<X509CertificateHolder> store) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BC);
        for (X509CertificateHolder holder : store.getMatches(null)) {
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                // An unreadable extra certificate cannot help build a chain; the chain check decides.
                continue;
            }
        }
        return certificates;
    }

    private void verifySignature(SignerInformation information, X509Certificate certificate) {
        if (!ACCEPTED_DIGESTS.contains(information.getDigestAlgOID())) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE);
        }
        boolean valid;
        try {
            // The public key alone: given the certificate, Bouncy Castle would also judge its validity
            // at the signing time the sender wrote, which the receipt-time check below replaces.
            valid = information.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate.getPublicKey()));
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE, e);
        }
        if (!valid) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE);
        }
    }

    private static Instant signingTime(SignerInformation information, Instant receivedAt) {
        AttributeTable attributes = information.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null) {
            return receivedAt;
        }
        try {
            return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE, e);
        }
    }

    /**
     * When the signer's certificate chain must be valid: at receipt by the gateway's clock, give or
     * take the clock skew. The signing time is the sender's word, so it counts only within the skew;
     * a backdated one cannot revive an expired certificate, and one in the future cannot be true.
     */
    private Instant certificateCheckTime(Instant claimed, Instant receivedAt) {
        if (claimed.isAfter(receivedAt.plus(signatureClockSkew))) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE);
        }
        Instant earliest = receivedAt.minus(signatureClockSkew);
        return claimed.isBefore(earliest) ? earliest : claimed;
    }

    private static SecurityLabel label(SignerInformation information) {
        AttributeTable attributes = information.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(EssSecurityLabel.ATTRIBUTE_OID);
        if (attribute == null) {
            return null;
        }
        try {
            return EssSecurityLabel.getInstance(attribute.getAttrValues().getObjectAt(0)).label();
        } catch (IllegalArgumentException | ArithmeticException e) {
            // A malformed label is the sender's marking problem, not a reason to doubt the signature.
            return null;
        }
    }

    private static Unprotected document(
            SMIMESigned signed, X509Certificate signer, Instant signingTime, SecurityLabel label) {
        try {
            MimeBodyPart content = signed.getContent();
            List<Part> parts = new ArrayList<>();
            if (content.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) content.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    parts.add(part);
                }
            } else {
                parts.add(content);
            }
            String text = "";
            Part xml = null;
            for (Part part : parts) {
                if (xml == null && isXml(part)) {
                    xml = part;
                } else if (text.isEmpty() && part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    text = (String) part.getContent();
                }
            }
            if (xml == null) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.NO_DOCUMENT);
            }
            byte[] document;
            try (InputStream in = xml.getInputStream()) {
                document = in.readAllBytes();
            }
            String fileName = Optional.ofNullable(xml.getFileName()).orElse("");
            return new Unprotected(signer, signingTime, text, document, fileName, Optional.ofNullable(label));
        } catch (MessagingException | IOException | ClassCastException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.NO_DOCUMENT, e);
        }
    }

    private static boolean isXml(Part part) throws MessagingException {
        String fileName = part.getFileName();
        return part.isMimeType("application/xml")
                || part.isMimeType("text/xml")
                || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xml"));
    }

    /** The text part and the XML attachment, in a {@code multipart/mixed} body part. */
    private static MimeBodyPart content(Outgoing outgoing) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(outgoing.text(), "UTF-8", "plain");
        // Quoted-printable keeps the signed text 7-bit, so no relay can re-encode it under the signature.
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart xml = new MimeBodyPart();
        xml.setDataHandler(new DataHandler(new ByteArrayDataSource(outgoing.xml(), "application/xml")));
        xml.setFileName(outgoing.xmlFileName());
        xml.setDisposition(Part.ATTACHMENT);
        // Base64, not a text encoding: S/MIME canonicalises text line endings, the XML must stay byte-exact.
        xml.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart mixed = new MimeMultipart("mixed", text, xml);
        MimeBodyPart content = new MimeBodyPart();
        content.setContent(mixed);
        content.setHeader("Content-Type", mixed.getContentType());
        return content;
    }

    private AttributeTable signedAttributes(SecurityLabel label) {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
        SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
        capabilities.addCapability(CMSAlgorithm.AES256_GCM);
        capabilities.addCapability(CMSAlgorithm.AES256_CBC);
        capabilities.addCapability(PKCSObjectIdentifiers.id_RSAES_OAEP);
        attributes.add(new SMIMECapabilitiesAttribute(capabilities));
        attributes.add(new Attribute(EssSecurityLabel.ATTRIBUTE_OID, new DERSet((ASN1Encodable) new EssSecurityLabel(label))));
        return new AttributeTable(attributes);
    }

    private static byte[] bytes(MimeBodyPart part) {
        // Bouncy Castle signs and encrypts lazily, here, while writing.
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            part.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("writing the protected message failed", e);
        }
    }

    private static AlgorithmIdentifier oaepSha256() {
        try {
            return new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_RSAES_OAEP,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
