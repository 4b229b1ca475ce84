package org.mashgateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * The sharing policy in force: the rules {@link FirstPlan} and {@link ReplacementPlan} decide by,
 * the version every decision records, and the lawful basis of each recipient class.
 *
 * <p>The rules come from one human-readable file ({@code mash.policy}, default
 * {@code classpath:policy/sharing-policy.yaml}; see docs/sharing-policy.md). A broken file at
 * start-up stops the gateway. Afterwards {@link PolicyWatch} polls the file's modification time
 * and size every {@code mash.policy.reload-interval}; a change is loaded once it has stayed the same
 * for one further poll (so a half-written file is not read), and a change that is refused keeps
 * the last good policy in force and raises a SYSTEM alert {@code POLICY_LOAD_FAILED} naming the
 * entry at fault.
 */
@Component
public class SharingPolicy {

    private static final Logger log = LoggerFactory.getLogger(SharingPolicy.class);

    private final PolicySource source;
    private final PolicyLoader loader;
    private final Duration reloadInterval;
    private final Alerts alerts;
    private final Object loading = new Object();

    private volatile LoadedPolicy current;
    /** Guarded by {@code loading}: the stamp of the file in force and of a change not yet loaded. */
    private Optional<PolicySource.Stamp> loadedStamp;
    private Optional<PolicySource.Stamp> pendingStamp = Optional.empty();

    /**
     * Loads the policy; a broken one stops the gateway from starting.
     *
     * @param location {@code mash.policy}, read with {@code @Value} because it is both a value and
     *     the prefix of {@code mash.policy.reload-interval}
     * @param reloadInterval {@code mash.policy.reload-interval}, ISO-8601 ({@code PT5S}) or simple ({@code 5s})
     */
    public SharingPolicy(
            @Value("${mash.policy:classpath:policy/sharing-policy.yaml}") String location,
            @Value("${mash.policy.reload-interval:PT5S}") String reloadInterval,
            Alerts alerts) {
        this.source = PolicySource.of(location);
        this.loader = new PolicyLoader(SchemaFields.daNotification());
        this.reloadInterval = DurationStyle.detectAndParse(reloadInterval);
        if (this.reloadInterval.isNegative() || this.reloadInterval.isZero()) {
            throw new IllegalArgumentException("mash.policy.reload-interval must be positive");
        }
        this.alerts = alerts;
        this.loadedStamp = source.stamp();
        this.current = read();
        log.info("Sharing policy {} in force, read from {}", current.version(), location);
    }

    /** Whether the policy is a file that can change while the gateway runs (not one inside the jar). */
    boolean watchable() {
        return source.path() != null;
    }

    /** {@code mash.policy.reload-interval}: how often {@link PolicyWatch} polls the file. */
    Duration reloadInterval() {
        return reloadInterval;
    }

    /**
     * Reads the policy file now, whether or not it changed (the admin console's "reload"). A file
     * that does not load is refused as on a poll: the version in force stays and an alert is raised.
     */
    public PolicyReload reload() {
        synchronized (loading) {
            loadedStamp = source.stamp();
            pendingStamp = Optional.empty();
            try {
                LoadedPolicy loaded = read();
                current = loaded;
                log.info("Sharing policy {} in force, reloaded on request from {}", loaded.version(), source.location());
                return new PolicyReload(true, loaded.version(), "Sharing policy " + loaded.version() + " in force");
            } catch (PolicyLoadException refused) {
                log.warn("Sharing policy reload refused, version {} stays in force: {}", current.version(),
                        refused.getMessage());
                alerts.raise(AlertKind.SYSTEM, "POLICY_LOAD_FAILED", refused.getMessage());
                return new PolicyReload(false, current.version(), refused.getMessage());
            }
        }
    }

    /** The version of the policy in force, as every decision records it. */
    public String version() {
        return current.version();
    }

    /** The lawful basis text the policy in force names for {@code recipientClass}. */
    public String lawfulBasis(RecipientClass recipientClass) {
        return current.rule(recipientClass).lawfulBasis();
    }

    /** The policy in force now: a plan reads it once, so that it is made under one version throughout. */
    LoadedPolicy current() {
        return current;
    }

    /** One poll: load when the file changed and has stayed the same since the previous poll. */
    void poll() {
        synchronized (loading) {
            Optional<PolicySource.Stamp> now = source.stamp();
            if (now.equals(loadedStamp)) {
                pendingStamp = Optional.empty();
                return;
            }
            if (!now.equals(pendingStamp)) {
                pendingStamp = now;
                return;
            }
            pendingStamp = Optional.empty();
            loadedStamp = now;
            try {
                LoadedPolicy loaded = read();
                current = loaded;
                log.info("Sharing policy {} in force, reloaded from {}", loaded.version(), source.location());
            } catch (PolicyLoadException refused) {
                log.warn("Sharing policy change refused, version {} stays in force: {}", current.version(),
                        refused.getMessage());
                alerts.raise(AlertKind.SYSTEM, "POLICY_LOAD_FAILED", refused.getMessage());
            }
        }
    }

    private LoadedPolicy read() {
        try (InputStream in = source.open()) {
            return loader.load(source.location(), in);
        } catch (IOException unreadable) {
            throw new PolicyLoadException("sharing policy " + source.location() + " refused: the file cannot be read");
        }
    }
}
