package org.mashgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.config.AdminUsersProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stops password guessing at the console: failed logins are counted per typed username and per
 * client address in the database, so every gateway node sees the same counts, and once either
 * reaches its limit within the window it is locked out for a while: its logins are refused without
 * the password being checked, and one SECURITY alert {@value #REASON} is raised per lock.
 *
 * <p>A username is locked from every address (a guesser spread over many addresses is still
 * stopped), and an address for every username (one guesser rotating usernames is stopped). Neither
 * is stored: the table holds an HMAC of each under a key derived from {@code mash.audit.subject-key},
 * which lives outside the database, and alerts say only which kind of lock it was.
 */
@Component
class LoginThrottle {

    static final String REASON = "CONSOLE_LOGIN_LOCKED";

    private enum Subject { USER, ADDRESS }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Alerts alerts;
    private final Clock clock;
    private final AdminUsersProperties.LoginThrottle limits;
    private final SecretKeySpec key;

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, Alerts alerts, Clock clock,
            AdminUsersProperties properties,
            @Value("${mash.audit.subject-key:" + SubjectKeys.DEMO_SUBJECT_KEY + "}") String subjectKey) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.alerts = alerts;
        this.clock = clock;
        this.limits = properties.loginThrottle();
        // A key of its own, derived, so these hashes can never be matched against subject keys.
        byte[] secret = hmac(new SecretKeySpec(Base64.getDecoder().decode(subjectKey.strip()), "HmacSHA256"),
                "mash-gateway login throttle");
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether logins for this username or from this address are refused now. */
    boolean isLocked(String username, String address) {
        Integer locks = jdbc.queryForObject("SELECT COUNT(*) FROM login_throttle WHERE locked_until > ? AND "
                        + "((subject_kind = 'USER' AND subject_hash = ?) OR (subject_kind = 'ADDRESS' AND subject_hash = ?))",
                Integer.class, at(clock.instant()), hash(Subject.USER, username), hash(Subject.ADDRESS, address));
        return locks != null && locks > 0;
    }

    /** Counts a login whose password was checked and was wrong (or whose username is unknown). */
    void failed(String username, String address) {
        Instant now = clock.instant();
        // Rows whose window and lock have both passed count for nothing: they go, so the table stays small.
        jdbc.update("DELETE FROM login_throttle WHERE window_started <= ? AND (locked_until IS NULL OR locked_until <= ?)",
                at(now.minus(limits.window())), at(now));
        count(Subject.USER, hash(Subject.USER, username), limits.userFailures(), now);
        count(Subject.ADDRESS, hash(Subject.ADDRESS, address), limits.addressFailures(), now);
    }

    /** A correct password clears the username's count; the address keeps its own, so one known password cannot reset it. */
    void succeeded(String username) {
        jdbc.update("DELETE FROM login_throttle WHERE subject_kind = 'USER' AND subject_hash = ? AND locked_until IS NULL",
                hash(Subject.USER, username));
    }

    private void count(Subject subject, String hash, int limit, Instant now) {
        Boolean locked;
        try {
            locked = transaction.execute(status -> countWithin(subject, hash, limit, now));
        } catch (DuplicateKeyException firstFailureOnAnotherNode) {
            // Another node inserted the row between our read and insert: the row is there now.
            locked = transaction.execute(status -> countWithin(subject, hash, limit, now));
        }
        if (Boolean.TRUE.equals(locked)) {
            alerts.raise(AlertKind.SECURITY, REASON, "a console " + (subject == Subject.USER ? "username" : "client address")
                    + " locked out for " + limits.lockout() + " after " + limit + " failed logins within " + limits.window());
        }
    }

    /** Adds one failure under the row's lock; true when this failure starts a lock-out. */
    private boolean countWithin(Subject subject, String hash, int limit, Instant now) {
        List<Row> rows = jdbc.query("SELECT failures, window_started, locked_until FROM login_throttle "
                        + "WHERE subject_kind = ? AND subject_hash = ? FOR UPDATE",
                (result, i) -> new Row(result.getInt(1), result.getObject(2, OffsetDateTime.class).toInstant(),
                        result.getObject(3, OffsetDateTime.class)),
                subject.name(), hash);
        Row before = rows.isEmpty() ? null : rows.get(0);
        if (before != null && before.lockedUntil() != null && before.lockedUntil().toInstant().isAfter(now)) {
            return false;
        }
        boolean freshWindow = before == null || !before.windowStarted().plus(limits.window()).isAfter(now);
        int failures = freshWindow ? 1 : before.failures() + 1;
        Instant windowStarted = freshWindow ? now : before.windowStarted();
        boolean locks = failures >= limit;
        OffsetDateTime lockedUntil = locks ? at(now.plus(limits.lockout())) : null;
        if (locks) {
            failures = 0;
            windowStarted = now;
        }
        if (before == null) {
            jdbc.update("INSERT INTO login_throttle (subject_kind, subject_hash, failures, window_started, locked_until) "
                    + "VALUES (?, ?, ?, ?, ?)", subject.name(), hash, failures, at(windowStarted), lockedUntil);
        } else {
            jdbc.update("UPDATE login_throttle SET failures = ?, window_started = ?, locked_until = ? "
                    + "WHERE subject_kind = ? AND subject_hash = ?", failures, at(windowStarted), lockedUntil,
                    subject.name(), hash);
        }
        return locks;
    }

    /** Usernames are matched without regard to case, as the console's users are, so case cannot dodge the count. */
    private String hash(Subject subject, String value) {
        String text = subject == Subject.USER ? value.strip().toLowerCase(Locale.ROOT) : value;
        return HexFormat.of().formatHex(hmac(key, subject + ":" + text));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Row(int failures, Instant windowStarted, OffsetDateTime lockedUntil) {}
}
