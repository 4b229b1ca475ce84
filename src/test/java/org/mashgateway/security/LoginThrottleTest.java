package org.mashgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password guessing against the console, as a guesser does it: a loop of wrong passwords for one
 * username (login form and HTTP basic) locks that username out, from every address, until the
 * lock-out has passed (the clock is moved, not waited for), and one address rotating usernames is
 * stopped by its own limit. Client addresses are told apart as a reverse proxy reports them.
 */
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
@Import(MovableClock.Replacement.class)
@Tag("database")
class LoginThrottleTest extends GatewayTest {

    private static final int USER_FAILURES = 3;
    private static final int ADDRESS_FAILURES = 6;
    private static final Duration LOCKOUT = Duration.ofMinutes(15);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.admin.login-throttle.user-failures", () -> USER_FAILURES);
        registry.add("mash.admin.login-throttle.address-failures", () -> ADDRESS_FAILURES);
        registry.add("mash.admin.login-throttle.window", () -> "PT10M");
        registry.add("mash.admin.login-throttle.lockout", LOCKOUT::toString);
        registry.add("server.forward-headers-strategy", () -> "native");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @BeforeEach
    void noEarlierLocks() {
        jdbc.update("DELETE FROM login_throttle");
    }

    @Test
    void guessing_a_password_on_the_form_locks_the_username_until_the_lockout_has_passed(CapturedOutput output) {
        ConsoleSession guesser = ConsoleSession.anonymousFrom(port, "203.0.113.10");
        int alertsBefore = lockAlerts();

        for (int i = 0; i < USER_FAILURES; i++) {
            assertRefused(guesser.logIn("auditor", "guess-" + i + "-wrongpass"));
        }
        HttpResponse<String> rightPasswordDuringTheLock = guesser.logIn("auditor", "demo");

        assertRefused(rightPasswordDuringTheLock);
        assertThat(lockAlerts() - alertsBefore).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT subject_hash FROM login_throttle", String.class))
                .isNotEmpty().noneMatch(hash -> hash.contains("auditor") || hash.contains("203.0.113"));
        assertThat(output.getAll()).doesNotContain("guess-0-wrongpass");

        clock.set(clock.instant().plus(LOCKOUT).plusSeconds(1));
        assertAccepted(ConsoleSession.anonymousFrom(port, "203.0.113.10").logIn("auditor", "demo"));
    }

    @Test
    void guessing_a_password_with_http_basic_locks_the_username_until_the_lockout_has_passed() {
        ConsoleSession scraper = ConsoleSession.anonymousFrom(port, "203.0.113.20");

        for (int i = 0; i < USER_FAILURES; i++) {
            assertThat(scraper.getWithBasic("/actuator/prometheus", "operator", "guess-" + i).statusCode()).isEqualTo(401);
        }

        assertThat(scraper.getWithBasic("/actuator/prometheus", "operator", "demo").statusCode()).isEqualTo(401);
        clock.set(clock.instant().plus(LOCKOUT).plusSeconds(1));
        assertThat(scraper.getWithBasic("/actuator/prometheus", "operator", "demo").statusCode()).isEqualTo(200);
    }

    @Test
    void one_address_rotating_usernames_is_stopped_by_the_address_limit_and_others_are_not() {
        ConsoleSession guesser = ConsoleSession.anonymousFrom(port, "203.0.113.30");
        int alertsBefore = lockAlerts();

        for (int i = 0; i < ADDRESS_FAILURES; i++) {
            // Each username fails once, far below its own limit.
            assertRefused(guesser.logIn("rotated-user-" + i, "password1"));
        }

        assertRefused(guesser.logIn("operator", "demo"));
        assertThat(lockAlerts() - alertsBefore).isEqualTo(1);
        assertAccepted(ConsoleSession.anonymousFrom(port, "198.51.100.31").logIn("operator", "demo"));
    }

    @Test
    void a_locked_username_is_locked_from_every_address() {
        ConsoleSession guesser = ConsoleSession.anonymousFrom(port, "203.0.113.40");
        for (int i = 0; i < USER_FAILURES; i++) {
            assertRefused(guesser.logIn("admin", "guess-" + i));
        }

        // Spreading the guesses over many addresses would otherwise get round the lock.
        assertRefused(ConsoleSession.anonymousFrom(port, "198.51.100.41").logIn("admin", "demo"));
        assertRefused(ConsoleSession.anonymousFrom(port, "198.51.100.42").logIn("ADMIN", "demo"));
    }

    @Test
    void a_correct_login_clears_the_usernames_count() {
        ConsoleSession person = ConsoleSession.anonymousFrom(port, "203.0.113.50");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < USER_FAILURES - 1; i++) {
                assertRefused(person.logIn("operator", "typo-" + i));
            }
            assertAccepted(ConsoleSession.anonymousFrom(port, "203.0.113.50").logIn("operator", "demo"));
        }
    }

    private int lockAlerts() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE reason_code = ?", Integer.class, LoginThrottle.REASON);
    }

    private static void assertRefused(HttpResponse<String> login) {
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
    }

    private static void assertAccepted(HttpResponse<String> login) {
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin"));
    }
}
