package org.mashgateway.protection;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;

/**
 * Warns the MASH admins before the gateway's own certificates run out (its S/MIME signing
 * identity, its TLS server certificate): 30 days ahead, as for partners' certificates, and again
 * once expired. Partners' certificates are watched by the directory.
 */
public class OwnCertificateExpiry {

    static final Duration WARNING = Duration.ofDays(30);

    private final Map<String, X509Certificate> certificates;
    private final Alerts alerts;
    private final Clock clock;

    /** @param certificates what each certificate is for (e.g. "gateway signing certificate"), and it */
    public OwnCertificateExpiry(Map<String, X509Certificate> certificates, Alerts alerts, Clock clock) {
        this.certificates = Map.copyOf(certificates);
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Raises an alert for each certificate expired or expiring within 30 days; returns what it alerted. */
    public List<String> check() {
        Instant now = clock.instant();
        List<String> alerted = new ArrayList<>();
        certificates.forEach((purpose, certificate) -> {
            Instant notAfter = certificate.getNotAfter().toInstant();
            LocalDate date = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
            if (!notAfter.isAfter(now)) {
                alerts.raise(AlertKind.CERTIFICATE, "OWN_CERTIFICATE_EXPIRED", purpose + " expired on " + date);
                alerted.add(purpose);
            } else if (notAfter.isBefore(now.plus(WARNING))) {
                alerts.raise(AlertKind.CERTIFICATE, "OWN_CERTIFICATE_EXPIRING", purpose + " expires on " + date);
                alerted.add(purpose);
            }
        });
        return alerted;
    }

    /** When each of the gateway's own certificates runs out, by what it is for (the console lists them). */
    public Map<String, Instant> expiries() {
        Map<String, Instant> expiries = new TreeMap<>();
        certificates.forEach((purpose, certificate) -> expiries.put(purpose, certificate.getNotAfter().toInstant()));
        return expiries;
    }
}
