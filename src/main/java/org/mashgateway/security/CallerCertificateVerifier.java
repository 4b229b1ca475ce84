package org.mashgateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mashgateway.config.IngressProperties;
import org.springframework.stereotype.Component;

/**
 * Checks that a caller's certificate chains to the configured trust anchors and is valid today.
 * Revocation is handled by the directory: a certificate removed from it is no longer registered.
 */
@Component
public class CallerCertificateVerifier {

    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    CallerCertificateVerifier(IngressProperties properties, Clock clock) {
        this.anchors = loadAnchors(properties);
        this.clock = clock;
    }

    /** The refusal for this chain, or empty when it is trusted and within its validity now. */
    public Optional<CallerRefusal> refusalFor(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.of(CallerRefusal.NO_CLIENT_CERTIFICATE);
        }
        Date now = Date.from(clock.instant());
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(now);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                return Optional.of(CallerRefusal.CERTIFICATE_EXPIRED);
            }
        }
        try {
            List<X509Certificate> path = withoutAnchors(chain);
            if (path.isEmpty()) {
                return Optional.of(CallerRefusal.CERTIFICATE_NOT_TRUSTED);
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(CallerRefusal.CERTIFICATE_NOT_TRUSTED);
        } catch (GeneralSecurityException e) {
            return Optional.of(CallerRefusal.CERTIFICATE_NOT_TRUSTED);
        }
    }

    /** A client may send the CA itself along; the path to validate is the chain up to an anchor. */
    private List<X509Certificate> withoutAnchors(X509Certificate[] chain) {
        Set<X509Certificate> anchorCertificates = new HashSet<>();
        anchors.forEach(anchor -> anchorCertificates.add(anchor.getTrustedCert()));
        return Arrays.stream(chain).filter(c -> !anchorCertificates.contains(c)).toList();
    }

    private static Set<TrustAnchor> loadAnchors(IngressProperties properties) {
        try (InputStream in = properties.trustStore().getInputStream()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, properties.trustStorePassword().toCharArray());
            Set<TrustAnchor> anchors = new HashSet<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    anchors.add(new TrustAnchor(certificate, null));
                }
            }
            if (anchors.isEmpty()) {
                throw new IllegalStateException("mash.ingress.trust-store holds no trusted certificate");
            }
            return Set.copyOf(anchors);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load mash.ingress.trust-store: " + e.getMessage(), e);
        }
    }
}
