package org.mashgateway.protection;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's own key and certificate: it signs everything the gateway sends and decrypts what
 * partners send to it.
 *
 * @param key the private key
 * @param certificate the gateway's certificate
 * @param chain the certificate followed by any intermediates, sent with every signature
 */
record SigningIdentity(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {

    SigningIdentity {
        chain = List.copyOf(chain);
    }

    SigningIdentity(PrivateKey key, X509Certificate certificate) {
        this(key, certificate, List.of(certificate));
    }

    /** The key entry {@code alias} of a key store such as the PKCS#12 named by {@code mash.signing.keystore}. */
    static SigningIdentity of(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
        Key key = store.getKey(alias, password);
        if (!(key instanceof PrivateKey privateKey)) {
            throw new GeneralSecurityException("no private key entry under alias " + alias);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) certificate);
        }
        return new SigningIdentity(privateKey, chain.get(0), chain);
    }
}
