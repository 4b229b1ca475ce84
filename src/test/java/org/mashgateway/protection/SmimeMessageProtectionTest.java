package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mashgateway.protection.ProtectionFixtures.FILE_NAME;
import static org.mashgateway.protection.ProtectionFixtures.LABEL;
import static org.mashgateway.protection.ProtectionFixtures.TEXT;
import static org.mashgateway.protection.ProtectionFixtures.XML;
import static org.mashgateway.protection.ProtectionFixtures.cms;
import static org.mashgateway.protection.ProtectionFixtures.outgoing;
import static org.mashgateway.protection.TestPki.CLOCK;
import static org.mashgateway.protection.TestPki.NOW;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmimeMessageProtectionTest {

    private static TestPki.Authority ca;
    private static TestPki.Party gateway;
    private static TestPki.Party agency;
    private static TestPki.Party agencyNextKey;
    private static TestPki.Party otherAgency;
    private static TestPki.Party expiredAgency;
    private static TestPki.Party forger;

    @BeforeAll
    static void issueCertificates() throws Exception {
        ca = TestPki.authority("Made-up MASH Root");
        gateway = ca.issue("mash-gateway");
        agency = ca.issue("Made-up Children's Services");
        agencyNextKey = ca.issue("Made-up Children's Services rollover");
        otherAgency = ca.issue("Made-up Health Trust");
        expiredAgency = ca.issue("Made-up Expired Agency", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)));
        forger = TestPki.authority("Made-up Rogue Root").issue("mash-gateway");
    }

    private static SmimeMessageProtection as(TestPki.Party self) {
        return TestPki.protection(self, CLOCK, ca.certificate());
    }

    @Test
    void recipientOpensTheMessageAndGetsSignerTextAndByteExactXml() {
        ProtectedMessage message = as(gateway).protect(outgoing(true, agency.certificate()));

        Unprotected opened = as(agency).open(message.mimeBytes());

        assertThat(opened.signer()).isEqualTo(gateway.certificate());
        assertThat(opened.xml()).isEqualTo(XML);
        assertThat(opened.xmlFileName()).isEqualTo(FILE_NAME);
        assertThat(opened.text().replace("\r\n", "\n")).isEqualTo(TEXT);
        assertThat(opened.signingTime()).isEqualTo(NOW);
        assertThat(opened.label()).contains(LABEL);
    }

    @Test
    void gcmMessageIsAuthEnvelopedDataWithoutAuthenticatedAttributes() throws Exception {
        ContentInfo info = cms(as(gateway).protect(outgoing(true, agency.certificate())));

        assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
        AuthEnvelopedData data = AuthEnvelopedData.getInstance(info.getContent());
        assertThat(data.getAuthAttrs()).isNull();
        assertThat(data.getAuthEncryptedContentInfo().getContentType()).isEqualTo(CMSObjectIdentifiers.data);
        assertThat(data.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm().getId())
                .isEqualTo("2.16.840.1.101.3.4.1.46");
    }

    @Test
    void recipientWithoutGcmGetsAes256CbcEnvelopedDataThatOpens() throws Exception {
        ProtectedMessage message = as(gateway).protect(outgoing(false, agency.certificate()));

        ContentInfo info = cms(message);
        assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.envelopedData);
        assertThat(EnvelopedData.getInstance(info.getContent()).getEncryptedContentInfo()
                        .getContentEncryptionAlgorithm().getAlgorithm().getId())
                .isEqualTo("2.16.840.1.101.3.4.1.42");
        assertThat(as(agency).open(message.mimeBytes()).xml()).isEqualTo(XML);
    }

    @Test
    void keyTransportIsRsaOaepWithSha256() throws Exception {
        AuthEnvelopedData data = AuthEnvelopedData.getInstance(
                cms(as(gateway).protect(outgoing(true, agency.certificate()))).getContent());

        KeyTransRecipientInfo recipient = KeyTransRecipientInfo.getInstance(
                RecipientInfo.getInstance(data.getRecipientInfos().getObjectAt(0)).getInfo());
        assertThat(recipient.getKeyEncryptionAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.7");
        assertThat(RSAESOAEPparams.getInstance(recipient.getKeyEncryptionAlgorithm().getParameters())
                        .getHashAlgorithm().getAlgorithm().getId())
                .isEqualTo("2.16.840.1.101.3.4.2.1");
    }

    @Test
    void signatureCarriesTheEssSecurityLabelSigningTimeAndCapabilities() throws Exception {
        ProtectedMessage signedOnly = as(gateway).signOnly(outgoing(true));
        MimeMessage mime = new MimeMessage(null, new ByteArrayInputStream(signedOnly.mimeBytes()));
        SignerInformation signer = new SMIMESigned((MimeMultipart) mime.getContent())
                .getSignerInfos().getSigners().iterator().next();
        AttributeTable attributes = signer.getSignedAttributes();

        Attribute label = attributes.get(new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.2"));
        assertThat(label).isNotNull();
        ASN1Set essLabel = ASN1Set.getInstance(label.getAttrValues().getObjectAt(0));
        assertThat(essLabel.toArray()).anySatisfy(element ->
                assertThat(element).isEqualTo(new ASN1ObjectIdentifier(SecurityLabel.PLACEHOLDER_POLICY_OID)));
        assertThat(essLabel.toArray()).anySatisfy(element ->
                assertThat(element).isEqualTo(new ASN1Integer(SecurityLabel.OFFICIAL_SENSITIVE)));
        assertThat(essLabel.toArray()).anySatisfy(element ->
                assertThat(element).isEqualTo(new DERUTF8String("OFFICIAL-SENSITIVE")));
        assertThat(Time.getInstance(attributes.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0))
                        .getDate().toInstant())
                .isEqualTo(NOW);
        assertThat(attributes.get(SMIMEAttributes.smimeCapabilities)).isNotNull();
        assertThat(signer.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(mime.getContentType()).contains("micalg=sha-256");
    }

    @Test
    void anotherRecipientsKeyCannotOpenTheMessage() {
        ProtectedMessage message = as(gateway).protect(outgoing(true, agency.certificate()));

        assertThatThrownBy(() -> as(otherAgency).open(message.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.CANNOT_DECRYPT));
    }

    @Test
    void duringKeyRolloverBothCurrentCertificatesCanOpen() throws Exception {
        ProtectedMessage message = as(gateway).protect(outgoing(true, agency.certificate(), agencyNextKey.certificate()));

        assertThat(AuthEnvelopedData.getInstance(cms(message).getContent()).getRecipientInfos().size()).isEqualTo(2);
        assertThat(as(agency).open(message.mimeBytes()).xml()).isEqualTo(XML);
        assertThat(as(agencyNextKey).open(message.mimeBytes()).xml()).isEqualTo(XML);
    }

    @Test
    void expiredRecipientCertificateIsNeverEncryptedTo() throws Exception {
        ProtectedMessage message = as(gateway).protect(outgoing(true, expiredAgency.certificate(), agency.certificate()));

        assertThat(AuthEnvelopedData.getInstance(cms(message).getContent()).getRecipientInfos().size()).isEqualTo(1);
        SmimeMessageProtection expiredKeyHolder = TestPki.protection(
                expiredAgency, Clock.fixed(NOW.minus(Duration.ofDays(30)), ZoneOffset.UTC), ca.certificate());
        assertThatThrownBy(() -> expiredKeyHolder.open(message.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.CANNOT_DECRYPT));
        assertThat(as(agency).open(message.mimeBytes()).xml()).isEqualTo(XML);
    }

    @Test
    void onlyExpiredOrUntrustedCertificatesFailWithNoRecipientCertificate() {
        assertThatThrownBy(() -> as(gateway).protect(outgoing(true, expiredAgency.certificate(), forger.certificate())))
                .isInstanceOfSatisfying(NoUsableCertificateException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("NO_RECIPIENT_CERTIFICATE"));
        assertThatThrownBy(() -> as(gateway).protect(outgoing(true)))
                .isInstanceOf(NoUsableCertificateException.class);
    }

    @Test
    void tamperedSignedContentFailsVerification() throws Exception {
        SmimeMessageProtection protection = as(gateway);
        byte[] signed = protection.signOnly(outgoing(true)).mimeBytes();
        String original = new String(signed, StandardCharsets.ISO_8859_1);
        assertThat(original).contains("handling instruction");
        byte[] tampered = original.replace("handling instruction", "handling instructiom").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(as(agency).open(envelopeFor(protection, signed, agency)).xml()).isEqualTo(XML);
        assertThatThrownBy(() -> as(agency).open(envelopeFor(protection, tampered, agency)))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.BAD_SIGNATURE));
    }

    @Test
    void tamperedCiphertextCannotBeDecrypted() throws Exception {
        ProtectedMessage message = as(gateway).protect(outgoing(true, agency.certificate()));
        MimeMessage mime = message.toMimeMessage(null);
        byte[] der = mime.getInputStream().readAllBytes();
        der[der.length - 40] ^= 0x01;
        MimeBodyPart tampered = new MimeBodyPart();
        tampered.setContent(der, mime.getContentType());
        tampered.setHeader("Content-Type", mime.getContentType());

        assertThatThrownBy(() -> as(agency).open(tampered))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.CANNOT_DECRYPT));
    }

    @Test
    void signerFromAnotherAuthorityIsUntrusted() {
        ProtectedMessage forged = as(forger).protect(outgoing(true, gateway.certificate()));

        assertThatThrownBy(() -> as(gateway).open(forged.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.UNTRUSTED_SIGNER));
    }

    @Test
    void signerWhoseCertificateHadExpiredWhenSigningIsRefusedAsExpired() {
        ProtectedMessage late = as(expiredAgency).protect(outgoing(true, gateway.certificate()));

        assertThatThrownBy(() -> as(gateway).open(late.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.CERTIFICATE_EXPIRED));
    }

    @Test
    void expiredSignerWithASigningTimeBackdatedToWhenItWasValidIsRefusedAtReceipt() {
        // The agency's certificate expired yesterday; its software claims it signed three weeks ago.
        Instant backdated = NOW.minus(Duration.ofDays(21));
        ProtectedMessage backdatedMail = TestPki.protection(expiredAgency, Clock.fixed(backdated, ZoneOffset.UTC), ca.certificate())
                .protect(outgoing(true, gateway.certificate()));

        assertThatThrownBy(() -> as(gateway).open(backdatedMail.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.CERTIFICATE_EXPIRED));
    }

    @Test
    void validSignerWhoseMailWasDelayedIsAccepted() {
        Instant signedTwoDaysAgo = NOW.minus(Duration.ofDays(2));
        ProtectedMessage delayed = sentWithClockAt(signedTwoDaysAgo, agency);

        Unprotected opened = as(gateway).open(delayed.mimeBytes());

        assertThat(opened.signer()).isEqualTo(agency.certificate());
        assertThat(opened.signingTime()).isEqualTo(signedTwoDaysAgo);
    }

    @Test
    void signingTimeAheadOfTheGatewayWithinTheClockSkewIsAccepted() {
        Instant aheadWithinSkew = NOW.plus(TestPki.SIGNATURE_CLOCK_SKEW).minusSeconds(30);

        assertThat(as(gateway).open(sentWithClockAt(aheadWithinSkew, agency).mimeBytes()).xml()).isEqualTo(XML);
    }

    @Test
    void signingTimeFurtherInTheFutureThanTheClockSkewIsRefused() {
        Instant beyondSkew = NOW.plus(TestPki.SIGNATURE_CLOCK_SKEW).plusSeconds(30);
        ProtectedMessage fromTheFuture = sentWithClockAt(beyondSkew, agency);

        assertThatThrownBy(() -> as(gateway).open(fromTheFuture.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.BAD_SIGNATURE));
    }

    @Test
    void signerWhoseCertificateExpiredWithinTheClockSkewIsAccepted() throws Exception {
        TestPki.Party justExpired = ca.issue("Made-up Just Expired Agency",
                NOW.minus(Duration.ofDays(365)), NOW.minus(TestPki.SIGNATURE_CLOCK_SKEW).plusSeconds(60));
        Instant whileValid = NOW.minus(TestPki.SIGNATURE_CLOCK_SKEW);

        assertThat(as(gateway).open(sentWithClockAt(whileValid, justExpired).mimeBytes()).signer())
                .isEqualTo(justExpired.certificate());
    }

    @Test
    void signerWhoseCertificateIsNotYetValidAtReceiptIsRefusedAsExpired() throws Exception {
        TestPki.Party early = ca.issue("Made-up Early Agency", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(366)));
        ProtectedMessage premature = sentWithClockAt(NOW, early);

        assertThatThrownBy(() -> as(gateway).open(premature.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.CERTIFICATE_EXPIRED));
    }

    /** Mail from {@code sender} to the gateway, signed by software whose clock reads {@code at}. */
    private static ProtectedMessage sentWithClockAt(Instant at, TestPki.Party sender) {
        return TestPki.protection(sender, Clock.fixed(at, ZoneOffset.UTC), ca.certificate())
                .protect(outgoing(true, gateway.certificate()));
    }

    @Test
    void signedButUnencryptedMailIsRefusedAsNotEncrypted() {
        ProtectedMessage signedOnly = as(gateway).signOnly(outgoing(true));

        assertThatThrownBy(() -> as(agency).open(signedOnly.mimeBytes()))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.NOT_ENCRYPTED));
    }

    @Test
    void encryptedButUnsignedMailIsRefusedAsUnsigned() throws Exception {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText("OFFICIAL-SENSITIVE\n", "UTF-8", "plain");
        byte[] encrypted = bytes(as(gateway).envelope(plain, List.of(agency.certificate()), true));

        assertThatThrownBy(() -> as(agency).open(encrypted))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.UNSIGNED));
    }

    @Test
    void mailBuiltForSmtpWithHeadersStillOpens() throws Exception {
        ProtectedMessage message = as(gateway).protect(outgoing(true, agency.certificate()));
        MimeMessage mail = message.toMimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("mash-gateway@localhost"));
        mail.setRecipients(MimeMessage.RecipientType.TO, "mash@childrens-services.example");
        mail.setSubject("OFFICIAL-SENSITIVE: Domestic abuse notification MASH-2026-000123");
        mail.setHeader(SecurityLabel.SIO_LABEL_HEADER, LABEL.sioLabel());
        mail.saveChanges();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        mail.writeTo(sent);

        MimeMessage received = new MimeMessage(null, new ByteArrayInputStream(sent.toByteArray()));
        assertThat(received.getHeader(SecurityLabel.SIO_LABEL_HEADER, null)).contains("type=\":ess\"");
        assertThat(as(agency).open(received).xml()).isEqualTo(XML);
    }

    @Test
    void clearMailIsRefusedAsNotEncrypted() throws Exception {
        MimeMessage clear = new MimeMessage((Session) null);
        clear.setText("OFFICIAL-SENSITIVE\n", "UTF-8");
        clear.saveChanges();

        assertThatThrownBy(() -> as(agency).open(clear))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.NOT_ENCRYPTED));
    }

    @Test
    void partnerMailWithAnOpaqueSignatureOpens() throws Exception {
        MimeBodyPart opaque = partnerSigner("SHA256withRSA").generateEncapsulated(xmlAttachment());
        byte[] mail = bytes(as(otherAgency).envelope(opaque, List.of(gateway.certificate()), true));

        Unprotected opened = as(gateway).open(mail);

        assertThat(opened.signer()).isEqualTo(otherAgency.certificate());
        assertThat(opened.xml()).isEqualTo(XML);
    }

    @Test
    void signatureWithSha1IsRefusedAsBadSignature() throws Exception {
        MimeBodyPart signed = new MimeBodyPart();
        MimeMultipart multipart = partnerSigner("SHA1withRSA").generate(xmlAttachment());
        signed.setContent(multipart);
        signed.setHeader("Content-Type", multipart.getContentType());
        byte[] mail = bytes(as(otherAgency).envelope(signed, List.of(gateway.certificate()), true));

        assertThatThrownBy(() -> as(gateway).open(mail))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.BAD_SIGNATURE));
    }

    @Test
    void signedMailWithoutAnXmlDocumentIsRefused() throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("OFFICIAL-SENSITIVE\nNothing attached.\n", "UTF-8", "plain");
        MimeBodyPart opaque = partnerSigner("SHA256withRSA").generateEncapsulated(text);
        byte[] mail = bytes(as(otherAgency).envelope(opaque, List.of(gateway.certificate()), true));

        assertThatThrownBy(() -> as(gateway).open(mail))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.NO_DOCUMENT));
    }

    /** A partner's own S/MIME software, signing with the given algorithm. */
    private static SMIMESignedGenerator partnerSigner(String algorithm) throws Exception {
        SMIMESignedGenerator generator = new SMIMESignedGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .build(algorithm, otherAgency.keys().getPrivate(), otherAgency.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(otherAgency.certificate())));
        return generator;
    }

    private static MimeBodyPart xmlAttachment() throws Exception {
        MimeBodyPart xml = new MimeBodyPart();
        xml.setDataHandler(new DataHandler(new ByteArrayDataSource(XML, "text/xml")));
        xml.setFileName("InformationResponse.xml");
        xml.setHeader("Content-Transfer-Encoding", "base64");
        return xml;
    }

    private static byte[] envelopeFor(SmimeMessageProtection protection, byte[] signed, TestPki.Party recipient)
            throws Exception {
        MimeBodyPart part = new MimeBodyPart(new ByteArrayInputStream(signed));
        return bytes(protection.envelope(part, List.of(recipient.certificate()), true));
    }

    private static byte[] bytes(MimeBodyPart part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return out.toByteArray();
    }
}
