package org.mashgateway.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mashgateway.directory.ConfiguredDirectory;
import org.mashgateway.directory.ExpiringCertificate;
import org.mashgateway.protection.OwnCertificateExpiry;
import org.springframework.stereotype.Service;

/**
 * Certificates that run out within the warning period ({@link ConfiguredDirectory#EXPIRY_WARNING}):
 * partners' from the directory, by entry code and fingerprint, and the gateway's own, by purpose.
 */
@Service
class Certificates {

    private final ConfiguredDirectory directory;
    private final OwnCertificateExpiry own;
    private final Clock clock;

    Certificates(ConfiguredDirectory directory, OwnCertificateExpiry own, Clock clock) {
        this.directory = directory;
        this.own = own;
        this.clock = clock;
    }

    /** One certificate running out: whose (an entry kind and code, or GATEWAY and a purpose), and when. */
    record Expiring(String holderKind, String holder, Instant notAfter, String fingerprint, boolean expired) {}

    List<Expiring> expiringSoon() {
        List<Expiring> expiring = new ArrayList<>();
        for (ExpiringCertificate certificate : directory.certificatesExpiringWithin(ConfiguredDirectory.EXPIRY_WARNING)) {
            expiring.add(new Expiring(certificate.kind().name(), certificate.code(), certificate.notAfter(),
                    certificate.sha256Fingerprint(), certificate.expired()));
        }
        Instant now = clock.instant();
        Instant horizon = now.plus(ConfiguredDirectory.EXPIRY_WARNING);
        own.expiries().forEach((purpose, notAfter) -> {
            if (notAfter.isBefore(horizon)) {
                expiring.add(new Expiring("GATEWAY", purpose, notAfter, null, !notAfter.isAfter(now)));
            }
        });
        expiring.sort(Comparator.comparing(Expiring::notAfter));
        return expiring;
    }
}
