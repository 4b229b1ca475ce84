package org.mashgateway.protection;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mashgateway.alert.Alerts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The gateway's own certificates, checked by the route {@code own-certificate-expiry}
 * ({@code routes/scheduled.camel.yaml}) once the gateway is up, then once a day.
 */
@Configuration(proxyBeanMethods = false)
class OwnCertificateExpiryConfiguration {

    @Bean
    OwnCertificateExpiry ownCertificateExpiry(SigningProperties signing,
            @Value("${server.ssl.key-store:}") Resource serverKeyStore,
            @Value("${server.ssl.key-store-password:}") String serverPassword,
            @Value("${server.ssl.key-alias:}") String serverAlias, Alerts alerts, Clock clock)
            throws IOException, GeneralSecurityException {
        Map<String, X509Certificate> own = new LinkedHashMap<>();
        own.put("gateway signing certificate", certificate(signing.keystore(), signing.password(), signing.alias()));
        if (serverKeyStore != null && serverKeyStore.exists() && !serverAlias.isBlank()) {
            own.put("gateway TLS server certificate", certificate(serverKeyStore, serverPassword, serverAlias));
        }
        return new OwnCertificateExpiry(own, alerts, clock);
    }

    private static X509Certificate certificate(Resource keystore, String password, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = keystore.getInputStream()) {
            store.load(in, password.toCharArray());
        }
        if (!(store.getCertificate(alias) instanceof X509Certificate certificate)) {
            throw new IllegalStateException("no certificate under alias '" + alias + "' in " + keystore.getDescription());
        }
        return certificate;
    }
}
