package org.mashgateway.directory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link ConfiguredDirectory} current while the gateway runs: polls its files every
 * {@code mash.directory.reload-interval} (poller {@code directory-reload}) and checks its
 * certificates' expiry once a day (poller {@code directory-certificate-expiry}). A run that fails
 * is counted and the next one happens as planned.
 */
@Component
class DirectoryWatch {

    static final Duration DAILY = Duration.ofDays(1);

    private final ConfiguredDirectory directory;
    private final Pollers pollers;
    private final Duration expiryCheckInterval;
    private Poller reload;
    private Poller expiry;

    @Autowired
    DirectoryWatch(ConfiguredDirectory directory, Pollers pollers) {
        this(directory, pollers, DAILY);
    }

    /** @param expiryCheckInterval {@link #DAILY}; shorter in tests */
    DirectoryWatch(ConfiguredDirectory directory, Pollers pollers, Duration expiryCheckInterval) {
        this.directory = directory;
        this.pollers = pollers;
        this.expiryCheckInterval = expiryCheckInterval;
    }

    @PostConstruct
    void start() {
        Duration interval = directory.reloadInterval();
        reload = pollers.start("directory-reload", interval, interval, directory::poll);
        // Loading at start-up has just checked expiry: the first daily check is a day later.
        expiry = pollers.start("directory-certificate-expiry", expiryCheckInterval, expiryCheckInterval,
                directory::checkCertificateExpiry);
    }

    @PreDestroy
    void stop() {
        if (reload != null) {
            reload.stop();
        }
        if (expiry != null) {
            expiry.stop();
        }
    }
}
