package org.mashgateway.support;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The demo PKI of certs-example/, and certificates minted in tests for the callers it must refuse. */
public final class DemoPki {

    public static final Path DIR = Path.of("certs-example");
    public static final char[] PASSWORD = "changeit".toCharArray();

    private DemoPki() {}

    /** A TLS context presenting the identity in {@code certs-example/<name>.p12}. */
    public static SSLContext clientPresenting(String name) {
        return tls(load(DIR.resolve(name + ".p12")));
    }

    /** A TLS context with no client certificate at all. */
    public static SSLContext clientWithoutCertificate() {
        return tls(null);
    }

    /** A TLS context presenting a self-signed certificate that chains to nothing the gateway trusts. */
    public static SSLContext clientPresentingUntrusted() {
        KeyPair keys = rsa();
        X509Certificate certificate = sign("CN=Untrusted police system", keys, new X500Name("CN=Untrusted police system"),
                keys.getPrivate(), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        return tls(identity(keys.getPrivate(), certificate));
    }

    /** Signed by the demo CA but already expired. */
    public static SSLContext clientPresentingExpired() {
        return clientIssuedByDemoCa("CN=Expired police system", Instant.now().minus(Duration.ofDays(60)),
                Instant.now().minus(Duration.ofDays(1)));
    }

    /** Signed by the demo CA and valid, but in nobody's directory entry. */
    public static SSLContext clientPresentingUnregistered() {
        return clientIssuedByDemoCa("CN=Unregistered police system", Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
    }

    private static SSLContext clientIssuedByDemoCa(String subject, Instant from, Instant to) {
        try {
            KeyStore ca = load(DIR.resolve("ca.p12"));
            String alias = Collections.list(ca.aliases()).stream().filter(a -> isKey(ca, a)).findFirst().orElseThrow();
            X509Certificate caCertificate = (X509Certificate) ca.getCertificate(alias);
            PrivateKey caKey = (PrivateKey) ca.getKey(alias, PASSWORD);
            KeyPair keys = rsa();
            X509Certificate certificate = sign(subject, keys,
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), caKey, from, to);
            return tls(identity(keys.getPrivate(), certificate, caCertificate));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (Exception e) {
            return false;
        }
    }

    public static KeyStore load(Path p12) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + p12, e);
        }
    }

    private static KeyStore identity(PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, PASSWORD, chain);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext tls(KeyStore identity) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(DIR.resolve("truststore.p12")));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(String subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, Instant from,
            Instant to) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE), Date.from(from), Date.from(to),
                    new X500Name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
