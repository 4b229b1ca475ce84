package org.mashgateway.support;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEAuthEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;

/**
 * The mail a partner agency's mail client sends the gateway's inbound mailbox: an XML document
 * attached, signed with a demo identity's key and encrypted to the gateway (or built wrongly on
 * purpose), for tests of every document kind the mailbox takes.
 */
public final class AgencyMail {

    /** The gateway's own mailbox, which it polls by IMAP. */
    public static final String GATEWAY_MAILBOX = "mash-gateway@localhost";

    private static final String TEXT = "Document attached.";

    /** How the agency's mail is (mis)built. */
    public enum Build {
        SIGNED_AND_ENCRYPTED,
        UNSIGNED,
        TAMPERED_AFTER_SIGNING
    }

    private AgencyMail() {}

    /**
     * The XML attached, signed by {@code signerIdentity} (a {@code certs-example/<name>.p12}),
     * encrypted to the gateway, from {@code fromAddress}.
     */
    public static MimeMessage signedBy(String signerIdentity, String fromAddress, String xml, Build build)
            throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("OFFICIAL-SENSITIVE\n\n" + TEXT + "\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(xml.getBytes(StandardCharsets.UTF_8),
                "application/xml")));
        attachment.setFileName("document.xml");
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        MimeBodyPart content = asPart(new MimeMultipart(text, attachment));
        MimeBodyPart inner = content;
        if (build != Build.UNSIGNED) {
            KeyStore identity = DemoPki.load(DemoPki.DIR.resolve(signerIdentity + ".p12"));
            String alias = keyAlias(identity);
            PrivateKey key = (PrivateKey) identity.getKey(alias, DemoPki.PASSWORD);
            X509Certificate certificate = (X509Certificate) identity.getCertificate(alias);
            SMIMESignedGenerator signer = new SMIMESignedGenerator();
            signer.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", key,
                    certificate));
            signer.addCertificates(new JcaCertStore(List.of(certificate)));
            inner = asPart(signer.generate(content));
            if (build == Build.TAMPERED_AFTER_SIGNING) {
                String signed = new String(bytesOf(inner), StandardCharsets.UTF_8);
                String tampered = signed.replace(TEXT, "Document attachEd.");
                if (tampered.equals(signed)) {
                    throw new IllegalStateException("nothing to tamper with");
                }
                inner = new MimeBodyPart(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.UTF_8)));
            }
        }
        SMIMEAuthEnvelopedGenerator encrypter = new SMIMEAuthEnvelopedGenerator();
        encrypter.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(certificate("gateway")));
        MimeBodyPart encrypted = encrypter.generate(inner,
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).build());
        String headers = "From: " + fromAddress + "\r\nTo: " + GATEWAY_MAILBOX
                + "\r\nSubject: OFFICIAL-SENSITIVE: Partner document\r\nMIME-Version: 1.0\r\n";
        ByteArrayOutputStream mail = new ByteArrayOutputStream();
        mail.write(headers.getBytes(StandardCharsets.US_ASCII));
        mail.write(bytesOf(encrypted));
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.toByteArray()));
    }

    /** A mail with the XML attached in the clear: neither signed nor encrypted. */
    public static MimeMessage plain(String fromAddress, String xml) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(fromAddress);
        mail.setRecipients(MimeMessage.RecipientType.TO, GATEWAY_MAILBOX);
        mail.setSubject("Partner document");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(xml.getBytes(StandardCharsets.UTF_8),
                "application/xml")));
        attachment.setFileName("document.xml");
        mail.setContent(new MimeMultipart(attachment));
        mail.saveChanges();
        return mail;
    }

    /** The certificate of the demo identity {@code certs-example/<name>.p12}. */
    public static X509Certificate certificate(String identity) throws Exception {
        KeyStore store = DemoPki.load(DemoPki.DIR.resolve(identity + ".p12"));
        return (X509Certificate) store.getCertificate(keyAlias(store));
    }

    /** The alias of the one key entry in a demo key store. */
    public static String keyAlias(KeyStore store) throws Exception {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new IllegalStateException("no key in the key store");
    }

    /** A body part holding the multipart, with its headers in place (as a mail client writes it). */
    private static MimeBodyPart asPart(MimeMultipart multipart) throws Exception {
        MimeMessage holder = new MimeMessage(Session.getInstance(new Properties()));
        holder.setContent(multipart);
        holder.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        holder.writeTo(out, new String[] {"Message-ID", "MIME-Version", "Date"});
        return new MimeBodyPart(new ByteArrayInputStream(out.toByteArray()));
    }

    private static byte[] bytesOf(MimeBodyPart part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return out.toByteArray();
    }
}
