package org.mashgateway.directory;

import org.springframework.stereotype.Component;

/**
 * Keeps the {@link ConfiguredDirectory} current while the gateway runs: the route
 * {@code directory-reload} reloads its files when they change, every
 * {@code mash.directory.reload-interval}; the route {@code directory-certificate-expiry} checks its
 * certificates' expiry once a day (loading at start-up has just checked it). Both are in
 * {@code routes/scheduled.camel.yaml}; a run that fails is counted and the next one happens.
 */
@Component
class DirectoryWatch {

    private final ConfiguredDirectory directory;

    DirectoryWatch(ConfiguredDirectory directory) {
        this.directory = directory;
    }

    public void reload() {
        directory.poll();
    }

    public void checkCertificateExpiry() {
        directory.checkCertificateExpiry();
    }
}
