package org.mashgateway.protection;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Decides which of a recipient's certificates the gateway may encrypt to: never an expired or
 * not-yet-valid one, never one that does not chain to the configured trust anchors, and only RSA
 * keys allowed to encipher keys.
 */
public final class RecipientCertificates {

    /** keyEncipherment in the KeyUsage bit string. */
    private static final int KEY_ENCIPHERMENT = 2;

    private final TrustAnchors anchors;
    private final Clock clock;

    RecipientCertificates(TrustAnchors anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    /**
     * The usable certificates among {@code offered}, in their order.
     *
     * @throws NoUsableCertificateException when none is usable
     */
    public List<X509Certificate> usable(List<X509Certificate> offered) {
        Instant now = clock.instant();
        List<X509Certificate> usable = offered.stream().filter(certificate -> isUsable(certificate, now)).toList();
        if (usable.isEmpty()) {
            throw new NoUsableCertificateException(offered.size());
        }
        return usable;
    }

    private boolean isUsable(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_ENCIPHERMENT]) {
            return false;
        }
        return certificate.getPublicKey() instanceof RSAPublicKey && anchors.chains(certificate, List.of(), now);
    }
}
