package org.mashgateway.directory;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.directory.DirectorySource.FileStamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * The directory the gateway works from: the YAML named by {@code mash.directory} plus the schools
 * CSV named by {@code mash.directory.schools-csv}, validated and held as an immutable snapshot.
 *
 * <p>A broken directory at start-up stops the gateway. Afterwards {@link DirectoryWatch} polls the
 * files' last-modified time and size (the YAML, the CSV and every certificate file they name) every
 * {@code mash.directory.reload-interval}; a change is loaded once it has stayed the same for one
 * further poll, so a file still being written is not read half done. A change that is broken is
 * refused: the last good directory stays in force and a DIRECTORY alert is raised once for that
 * change. Every load that succeeds, and the watch once a day, raises CERTIFICATE alerts for
 * directory certificates that expire within 30 days or have expired, so a certificate nearing its
 * end is reported even when the directory files never change.
 */
@Component
public class ConfiguredDirectory implements Directory {

    /** How long before expiry an admin is warned: time to get and install a new certificate. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(ConfiguredDirectory.class);
    private static final int ENTRIES_NAMED_PER_ALERT = 5;

    private final DirectoryLoader loader;
    private final Duration reloadInterval;
    private final Alerts alerts;
    private final Clock clock;
    private final Object loading = new Object();

    private volatile DirectorySnapshot current;
    private volatile DirectoryReload lastReload;
    /** Stamps of a change seen by the last poll and not yet loaded; guarded by {@code loading}. */
    private Map<Path, FileStamp> pendingChange;

    /**
     * Loads the directory; a broken one stops the gateway from starting.
     *
     * @param directory {@code mash.directory}, read with {@code @Value} because Spring cannot bind
     *     it and {@code mash.directory.*} to one typed property (a value and a map under one name)
     * @param schoolsCsv {@code mash.directory.schools-csv}, empty for none
     * @param reloadInterval {@code mash.directory.reload-interval}, ISO-8601 ({@code PT5S}) or simple ({@code 5s})
     */
    public ConfiguredDirectory(
            @Value("${mash.directory:classpath:demo/directory.yaml}") String directory,
            @Value("${mash.directory.schools-csv:}") String schoolsCsv,
            @Value("${mash.directory.reload-interval:PT5S}") String reloadInterval,
            Alerts alerts,
            Clock clock) {
        this.loader = new DirectoryLoader(directory, schoolsCsv);
        this.reloadInterval = DurationStyle.detectAndParse(reloadInterval);
        if (this.reloadInterval.isNegative() || this.reloadInterval.isZero()) {
            throw new IllegalArgumentException("mash.directory.reload-interval must be positive");
        }
        this.alerts = alerts;
        this.clock = clock;
        log.info("Directory read from {}{}", directory,
                schoolsCsv == null || schoolsCsv.isBlank() ? "" : " and schools from " + schoolsCsv);
        long started = System.nanoTime();
        putInForce(loader.load(), started);
    }

    /** {@code mash.directory.reload-interval}: how often {@link DirectoryWatch} polls the files. */
    Duration reloadInterval() {
        return reloadInterval;
    }

    /**
     * Loads the directory files now, whether or not they changed (the admin console's "reload").
     * On failure the directory in force is kept and the result says which file and entry failed.
     */
    public DirectoryReload reload() {
        synchronized (loading) {
            pendingChange = null;
            return loadAndSwap();
        }
    }

    /** The outcome of the latest load, at start-up, by the poller or by {@link #reload()}. */
    public DirectoryReload lastReload() {
        return lastReload;
    }

    /**
     * Every directory certificate (of forces, case systems, agencies and schools) that expires
     * within {@code within} from now, expired ones included, soonest first.
     */
    public List<ExpiringCertificate> certificatesExpiringWithin(Duration within) {
        Instant now = clock.instant();
        return current.expiringBy(now.plus(within), now);
    }

    /** One poll: load when the watched files changed and have stayed the same since the previous poll. */
    void poll() {
        synchronized (loading) {
            Map<Path, FileStamp> seen = loader.readStamps();
            Map<Path, FileStamp> now = new LinkedHashMap<>();
            seen.keySet().forEach(path -> now.put(path, FileStamp.of(path)));
            if (now.equals(seen)) {
                pendingChange = null;
                return;
            }
            if (!now.equals(pendingChange)) {
                pendingChange = now;
                return;
            }
            pendingChange = null;
            loadAndSwap();
        }
    }

    /** Alerts the certificates of the directory in force that expire within 30 days or have expired. */
    void checkCertificateExpiry() {
        alertExpiringCertificates(current);
    }

    private DirectoryReload loadAndSwap() {
        long started = System.nanoTime();
        try {
            return putInForce(loader.load(), started);
        } catch (DirectoryLoadException refused) {
            DirectoryReload result = new DirectoryReload(false, refused.getMessage(), clock.instant());
            lastReload = result;
            log.warn("Directory change refused, the previous directory stays in force: {}", refused.getMessage());
            alerts.raise(AlertKind.DIRECTORY, "DIRECTORY_LOAD_FAILED", refused.getMessage());
            return result;
        }
    }

    private DirectoryReload putInForce(DirectorySnapshot loaded, long started) {
        current = loaded;
        DirectoryReload result = new DirectoryReload(true, "loaded: " + loaded.summary(), clock.instant());
        lastReload = result;
        log.info("Directory loaded in {} ms: {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), loaded.summary());
        alertExpiringCertificates(loaded);
        return result;
    }

    /** One alert per certificate, naming its entries (a CSV may give many schools one certificate). */
    private void alertExpiringCertificates(DirectorySnapshot snapshot) {
        Instant now = clock.instant();
        Map<String, List<ExpiringCertificate>> byCertificate = snapshot.expiringBy(now.plus(EXPIRY_WARNING), now)
                .stream()
                .collect(Collectors.groupingBy(ExpiringCertificate::sha256Fingerprint, LinkedHashMap::new,
                        Collectors.toList()));
        byCertificate.forEach((fingerprint, entries) -> {
            ExpiringCertificate first = entries.get(0);
            String named = entries.stream()
                    .limit(ENTRIES_NAMED_PER_ALERT)
                    .map(e -> e.kind() + " " + e.code())
                    .collect(Collectors.joining(", "));
            String more = entries.size() > ENTRIES_NAMED_PER_ALERT
                    ? " (+" + (entries.size() - ENTRIES_NAMED_PER_ALERT) + " more)"
                    : "";
            String context = named + more + "; notAfter " + first.notAfter()
                    + "; sha256 " + fingerprint.substring(0, 16);
            alerts.raise(AlertKind.CERTIFICATE, first.expired() ? "CERTIFICATE_EXPIRED" : "CERTIFICATE_EXPIRING",
                    context);
        });
    }

    @Override
    public Optional<Caller> callerFor(X509Certificate certificate) {
        return current.callerFor(certificate);
    }

    @Override
    public Optional<Force> force(String code) {
        return current.force(code);
    }

    @Override
    public Optional<CaseSystem> caseSystem(String code) {
        return current.caseSystem(code);
    }

    @Override
    public Optional<Agency> agency(String code) {
        return current.agency(code);
    }

    @Override
    public Optional<School> school(String urn) {
        return current.school(urn);
    }

    @Override
    public List<Force> forces() {
        return current.forces();
    }

    @Override
    public List<CaseSystem> caseSystems() {
        return current.caseSystems();
    }

    @Override
    public List<Agency> agencies() {
        return current.agencies();
    }

    @Override
    public List<School> schools() {
        return current.schools();
    }
}
