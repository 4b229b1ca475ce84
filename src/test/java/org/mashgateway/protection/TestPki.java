package org.mashgateway.protection;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Made-up certification authorities and parties, with RSA-2048 keys generated for each test run. */
final class TestPki {

    /**
     * The instant every test clock is fixed at: when the run started, since Bouncy Castle checks
     * some certificates against the real clock, which the certificates must therefore cover.
     */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestPki() {}

    /** A party: its key pair and certificate. */
    record Party(KeyPair keys, X509Certificate certificate) {

        SigningIdentity identity() {
            return new SigningIdentity(keys.getPrivate(), certificate);
        }

        String certificatePem() throws GeneralSecurityException {
            return pem("CERTIFICATE", certificate.getEncoded());
        }

        String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    /** A certification authority that issues party certificates. */
    record Authority(Party self) {

        X509Certificate certificate() {
            return self.certificate();
        }

        /** A party certificate valid for a year around {@link #NOW}. */
        Party issue(String commonName) throws Exception {
            return issue(commonName, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(335)));
        }

        Party issue(String commonName, Instant notBefore, Instant notAfter) throws Exception {
            KeyPair keys = rsa();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    self.certificate(), serial(), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + commonName + ",O=Made-up MASH Partner,C=GB"), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(self.certificate()));
            return new Party(keys, sign(builder, self.keys()));
        }
    }

    static Authority authority(String commonName) throws Exception {
        KeyPair keys = rsa();
        X500Name name = new X500Name("CN=" + commonName + ",O=Made-up MASH CA,C=GB");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name, serial(), Date.from(NOW.minus(Duration.ofDays(365))), Date.from(NOW.plus(Duration.ofDays(3650))),
                name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        return new Authority(new Party(keys, sign(builder, keys)));
    }

    /** The default of {@code mash.mail.signature-clock-skew}. */
    static final Duration SIGNATURE_CLOCK_SKEW = Duration.ofMinutes(5);

    /** The gateway's protection as {@code self} would run it, trusting {@code anchors}. */
    static SmimeMessageProtection protection(Party self, Clock clock, X509Certificate... anchors) {
        TrustAnchors trust = new TrustAnchors(List.of(anchors));
        return new SmimeMessageProtection(
                self.identity(), new RecipientCertificates(trust, clock), trust, clock, SIGNATURE_CLOCK_SKEW);
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
