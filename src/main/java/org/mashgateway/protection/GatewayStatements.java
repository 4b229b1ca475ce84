package org.mashgateway.protection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.util.Collection;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.springframework.core.io.Resource;

/**
 * Signs short statements the gateway makes about itself (the audit trail's checkpoints) and checks
 * that such a statement was signed by the gateway. A statement is a CMS SignedData with the content
 * inside (encapsulated) and the gateway's certificate chain, PEM-armoured: an auditor verifies it
 * offline with {@code openssl cms -verify -inform PEM -in <file> -CAfile <gateway CA>}, which also
 * prints the statement.
 */
public final class GatewayStatements {

    private static final String PEM_TYPE = "CMS";

    private final SigningIdentity identity;

    GatewayStatements(SigningIdentity identity) {
        this.identity = identity;
    }

    /** As the gateway wires it, for tools that start without it (the {@code verify-audit} command). */
    public static GatewayStatements fromKeyStore(Resource keystore, String password, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = keystore.getInputStream()) {
            store.load(in, password.toCharArray());
        }
        return new GatewayStatements(SigningIdentity.of(store, alias, password.toCharArray()));
    }

    /** Who signs: the subject of the gateway's certificate, a name of the gateway, never of a person. */
    public String signer() {
        return X500Name.getInstance(identity.certificate().getSubjectX500Principal().getEncoded()).toString();
    }

    /** {@code content} signed with the gateway's key (SHA-256 with RSA, signing time), as PEM text. */
    public byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                    .build(SmimeMessageProtection.SIGNATURE_ALGORITHM, identity.key(), identity.certificate()));
            generator.addCertificates(new JcaCertStore(identity.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), true);
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(new PemObject(PEM_TYPE, signed.getEncoded()));
            }
            return pem.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (OperatorCreationException | CertificateException | CMSException | IOException e) {
            throw new IllegalStateException("signing a statement failed", e);
        }
    }

    /**
     * The content of a statement {@link #sign signed} by this gateway: exactly one signature, valid,
     * made with the key of the gateway's own certificate. A statement signed by anyone else (even a
     * partner whose certificate the gateway trusts) is refused.
     *
     * @throws UntrustedMessageException {@code BAD_SIGNATURE} when the statement is not a valid
     *     signature, {@code UNTRUSTED_SIGNER} when it was not signed by the gateway
     */
    public byte[] verifiedContent(byte[] pem) {
        CMSSignedData signed = parse(pem);
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1 || !(signed.getSignedContent() != null
                && signed.getSignedContent().getContent() instanceof byte[] content)) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE);
        }
        SignerInformation signer = signers.iterator().next();
        try {
            X509CertificateHolder own = new JcaX509CertificateHolder(identity.certificate());
            if (!signer.getSID().match(own)) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.UNTRUSTED_SIGNER);
            }
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(identity.certificate()))) {
                throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE);
            }
        } catch (CertificateException | OperatorCreationException | CMSException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE, e);
        }
        return content;
    }

    private static CMSSignedData parse(byte[] pem) {
        PemObject object;
        try (PemReader reader = new PemReader(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            object = reader.readPemObject();
        } catch (IOException e) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE, e);
        }
        if (object == null || !PEM_TYPE.equals(object.getType())) {
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE);
        }
        try {
            return new CMSSignedData(object.getContent());
        } catch (CMSException | RuntimeException e) {
            // Bouncy Castle reports malformed ASN.1 with unchecked exceptions as well.
            throw new UntrustedMessageException(UntrustedMessageException.Reason.BAD_SIGNATURE, e);
        }
    }
}
