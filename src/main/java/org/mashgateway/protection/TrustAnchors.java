package org.mashgateway.protection;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The certification authorities whose certificates the gateway accepts for its partners: recipients
 * it encrypts to and signers it accepts mail from.
 */
final class TrustAnchors {

    private final Set<TrustAnchor> anchors;

    TrustAnchors(Collection<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed");
        }
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            set.add(new TrustAnchor(certificate, null));
        }
        this.anchors = Collections.unmodifiableSet(set);
    }

    /** Every certificate in a trust store (e.g. the PKCS#12 named by {@code mash.ingress.trust-store}). */
    static TrustAnchors of(KeyStore store) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                certificates.add(certificate);
            }
        }
        return new TrustAnchors(certificates);
    }

    /**
     * Whether {@code certificate} chains to one of the anchors at {@code at}, possibly through the
     * given intermediates (e.g. those carried in a signature). Revocation is not checked here.
     */
    boolean chains(X509Certificate certificate, Collection<X509Certificate> intermediates, Instant at) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.add(certificate);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
