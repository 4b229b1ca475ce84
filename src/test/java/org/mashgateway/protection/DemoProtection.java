package org.mashgateway.protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.mashgateway.support.DemoPki;

/**
 * The gateway's S/MIME protection with the demo keys of {@code certs-example/}, outside any
 * application context: for a benchmark that measures the crypto floor in its own JVM while the
 * gateway runs as a separate process with the same keys.
 */
public final class DemoProtection {

    private DemoProtection() {}

    /**
     * Signs as {@code certs-example/gateway.p12} and encrypts to certificates issued by the demo CA,
     * with Jakarta Mail's stream provider named as the gateway names it ({@link ProtectionConfiguration}):
     * without it every MIME part costs a class-path scan, and the floor would be 2.5 times dearer
     * than the gateway's own signing.
     */
    public static MessageProtection gateway() {
        if (System.getProperty(ProtectionConfiguration.STREAM_PROVIDER) == null) {
            System.setProperty(ProtectionConfiguration.STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(DemoPki.DIR.resolve("gateway.p12"))) {
                store.load(in, DemoPki.PASSWORD);
            }
            SigningIdentity identity = SigningIdentity.of(store, "gateway", DemoPki.PASSWORD);
            TrustAnchors trust = new TrustAnchors(List.of(certificate("ca.crt")));
            Clock clock = Clock.systemUTC();
            return new SmimeMessageProtection(identity, new RecipientCertificates(trust, clock), trust, clock,
                    Duration.ofMinutes(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the demo signing key in certs-example/ cannot be read", e);
        }
    }

    /** A certificate of {@code certs-example/}, such as {@code agency-CSC.crt}. */
    public static X509Certificate certificate(String fileName) {
        try (InputStream in = Files.newInputStream(DemoPki.DIR.resolve(fileName))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a certificate: certs-example/" + fileName, e);
        }
    }
}
