package org.mashgateway.security;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Lets every client certificate through the TLS handshake so that the gateway itself can decide.
 *
 * <p>JSSE aborts the handshake on an untrusted client certificate even when client authentication
 * is only "wanted", which would leave a police system with a bare connection reset instead of a
 * 401 naming the rule, and leave the refusal uncounted. {@link CallerCertificateVerifier} does the
 * PKIX check against the configured trust anchors on every {@code /api} request instead. Server
 * certificates are never checked with this class: Tomcat uses it for client certificates only.
 */
public final class AnyClientCertificateTrustManager implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Deliberately accepting: the chain is verified per request by CallerCertificateVerifier.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client certificates only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
