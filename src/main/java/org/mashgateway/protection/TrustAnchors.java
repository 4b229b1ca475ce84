package org.mashgateway.protection;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certification authorities whose certificates the gateway accepts for its partners: recipients
 * it encrypts to and signers it accepts mail from.
 */
final class TrustAnchors {

    private final Set<TrustAnchor> anchors;
    /** Certificates known to chain without intermediates, and when (see {@link #chains}). */
    private final Map<X509Certificate, Validity> chainingAlone = new ConcurrentHashMap<>();

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
     *
     * <p>A certificate that chains on its own (a recipient's, checked before each encryption) is
     * remembered with the time its chain holds: from the latest start to the earliest end of
     * validity along it, anchor included. Without revocation nothing else in the check depends on
     * the time, so within that window the answer stands and the path is not built again.
     */
    boolean chains(X509Certificate certificate, Collection<X509Certificate> intermediates, Instant at) {
        if (intermediates.isEmpty()) {
            Validity known = chainingAlone.get(certificate);
            if (known != null && known.covers(at)) {
                return true;
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.add(certificate);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            PKIXCertPathBuilderResult built = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            if (intermediates.isEmpty()) {
                chainingAlone.put(certificate, Validity.of(built));
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** When a built chain holds: every certificate on it valid, its anchor's included. */
    private record Validity(Instant from, Instant until) {

        static Validity of(PKIXCertPathBuilderResult built) {
            List<X509Certificate> chain = new ArrayList<>();
            for (var certificate : built.getCertPath().getCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            if (built.getTrustAnchor().getTrustedCert() != null) {
                chain.add(built.getTrustAnchor().getTrustedCert());
            }
            Instant from = Instant.MIN;
            Instant until = Instant.MAX;
            for (X509Certificate certificate : chain) {
                Instant notBefore = certificate.getNotBefore().toInstant();
                Instant notAfter = certificate.getNotAfter().toInstant();
                from = notBefore.isAfter(from) ? notBefore : from;
                until = notAfter.isBefore(until) ? notAfter : until;
            }
            return new Validity(from, until);
        }

        boolean covers(Instant at) {
            return !at.isBefore(from) && !at.isAfter(until);
        }
    }
}
