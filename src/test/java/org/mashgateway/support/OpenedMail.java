package org.mashgateway.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.mail.smime.SMIMESigned;

/**
 * Opens what the gateway sent as its recipient would, with Bouncy Castle: decrypted with the demo
 * identity's key ({@code certs-example/<identity>.p12}), the gateway's signature checked.
 */
public final class OpenedMail {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    /** Loading a PKCS#12 entry takes tens of milliseconds of key derivation: once per identity. */
    private static final Map<String, Identity> IDENTITIES = new ConcurrentHashMap<>();

    private record Identity(X509Certificate certificate, PrivateKey key) {

        static Identity of(String demoIdentity) {
            try {
                KeyStore store = DemoPki.load(DemoPki.DIR.resolve(demoIdentity + ".p12"));
                String alias = AgencyMail.keyAlias(store);
                return new Identity((X509Certificate) store.getCertificate(alias),
                        (PrivateKey) store.getKey(alias, DemoPki.PASSWORD));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the demo identity " + demoIdentity, e);
            }
        }
    }

    private OpenedMail() {}

    /** Every part of the signed content, decoded (text and XML), one after the other. */
    public static String openedBy(String demoIdentity, MimeMessage message) throws Exception {
        ContentInfo info;
        try (InputStream in = message.getInputStream()) {
            info = ContentInfo.getInstance(in.readAllBytes());
        }
        Identity identity = IDENTITIES.computeIfAbsent(demoIdentity, Identity::of);
        RecipientInformation mine = new CMSAuthEnvelopedData(info).getRecipientInfos()
                .get(new JceKeyTransRecipientId(identity.certificate()));
        if (mine == null) {
            throw new AssertionError("not encrypted to " + demoIdentity);
        }
        byte[] decrypted = mine.getContent(new JceKeyTransAuthEnvelopedRecipient(identity.key()).setContentProvider(BC));
        MimeBodyPart signedPart = new MimeBodyPart(new ByteArrayInputStream(decrypted));
        SMIMESigned signed = new SMIMESigned((MimeMultipart) signedPart.getContent());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(IDENTITIES.computeIfAbsent("gateway", Identity::of).certificate()))) {
            throw new AssertionError("the gateway's signature does not verify");
        }
        StringBuilder parts = new StringBuilder();
        Multipart multipart = (Multipart) signed.getContent().getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            try (InputStream in = part.getInputStream()) {
                parts.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return parts.toString();
    }
}
