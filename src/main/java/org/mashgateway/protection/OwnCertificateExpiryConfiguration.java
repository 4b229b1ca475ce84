package org.mashgateway.protection;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mashgateway.alert.Alerts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;

/** Checks the gateway's own certificates once the gateway is up, then once a day. */
@Configuration(proxyBeanMethods = false)
class OwnCertificateExpiryConfiguration {

    private final ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "own-certificate-expiry");
        thread.setDaemon(true);
        return thread;
    });

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

    @EventListener(ApplicationReadyEvent.class)
    void checkNowAndDaily(ApplicationReadyEvent ready) {
        OwnCertificateExpiry expiry = ready.getApplicationContext().getBean(OwnCertificateExpiry.class);
        daily.scheduleAtFixedRate(expiry::check, 0, 1, TimeUnit.DAYS);
    }

    @PreDestroy
    void stop() {
        daily.shutdownNow();
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
