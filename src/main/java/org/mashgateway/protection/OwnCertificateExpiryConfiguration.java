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
import java.time.Duration;
import org.mashgateway.alert.Alerts;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;

/** Checks the gateway's own certificates once the gateway is up, then once a day. */
@Configuration(proxyBeanMethods = false)
class OwnCertificateExpiryConfiguration {

    static final Duration DAILY = Duration.ofDays(1);

    private final Pollers pollers;
    private final Duration interval;
    private Poller daily;

    @Autowired
    OwnCertificateExpiryConfiguration(Pollers pollers) {
        this(pollers, DAILY);
    }

    /** @param interval {@link #DAILY}; shorter in tests */
    OwnCertificateExpiryConfiguration(Pollers pollers, Duration interval) {
        this.pollers = pollers;
        this.interval = interval;
    }

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
        // A run that fails (the alert store unreachable) is counted and the next day's run still happens.
        daily = pollers.start("own-certificate-expiry", Duration.ZERO, interval, expiry::check);
    }

    @PreDestroy
    void stop() {
        if (daily != null) {
            daily.stop();
        }
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
