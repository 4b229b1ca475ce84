package org.mashgateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may log in to the admin console and how logins are watched: users from configuration with
 * hashed passwords only (the demo profile defines operator, admin and auditor; production defines
 * none and uses an identity provider), the Prometheus scraper's own credential, how an identity
 * provider's claim becomes a console role, when repeated login failures raise a SECURITY alert, and
 * when they lock a username or an address out.
 *
 * @param users         console users from configuration
 * @param prometheus    the scraper's credential, which opens {@code /actuator/prometheus} only
 * @param oidc          how roles are read from an OpenID Connect identity provider's tokens
 * @param loginFailures when failed logins become an alert
 * @param loginThrottle when failed logins lock a username or an address out
 */
@Validated
@ConfigurationProperties("mash.admin")
public record AdminUsersProperties(@Valid List<User> users, @Valid Prometheus prometheus, @Valid Oidc oidc,
        @Valid LoginFailures loginFailures, @Valid LoginThrottle loginThrottle) {

    public AdminUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
        prometheus = prometheus == null ? new Prometheus(null, null) : prometheus;
        oidc = oidc == null ? new Oidc(null, null) : oidc;
        loginFailures = loginFailures == null ? new LoginFailures(null, null) : loginFailures;
        loginThrottle = loginThrottle == null ? new LoginThrottle(null, null, null, null) : loginThrottle;
        String scraper = prometheus.username();
        if (scraper != null && users.stream().anyMatch(user -> user.username().equalsIgnoreCase(scraper))) {
            throw new IllegalArgumentException("mash.admin.prometheus.username must differ from every console user's");
        }
    }

    /** A console user: a password hash in Spring's {id}hash form, and roles (OPERATOR, ADMIN, AUDITOR). */
    public record User(@NotBlank String username, @NotBlank String passwordHash, @NotEmpty List<String> roles) {}

    /**
     * The Prometheus scraper's HTTP basic credential (role METRICS): it reads
     * {@code /actuator/prometheus} and nothing else. Both set, or neither (no scraper user).
     *
     * @param username     the scraper's username
     * @param passwordHash its password in Spring's {id}hash form, e.g. {@code {bcrypt}$2a$10$…}
     */
    public record Prometheus(String username, String passwordHash) {

        public Prometheus {
            username = username == null || username.isBlank() ? null : username;
            passwordHash = passwordHash == null || passwordHash.isBlank() ? null : passwordHash;
            if ((username == null) != (passwordHash == null)) {
                throw new IllegalArgumentException(
                        "mash.admin.prometheus.username and .password-hash are set together or not at all");
            }
        }

        public boolean isConfigured() {
            return username != null;
        }
    }

    /**
     * Roles from the identity provider: the values of {@code rolesClaim} (a list or a space- or
     * comma-separated string) in the ID token or user info. A value named in {@code roleMapping} becomes
     * that role; a value that is itself OPERATOR, ADMIN or AUDITOR (any case) becomes that role; any
     * other value gives nothing.
     *
     * @param rolesClaim  the claim holding the person's groups or roles; default {@code roles}
     * @param roleMapping the identity provider's value → OPERATOR, ADMIN or AUDITOR
     */
    public record Oidc(@NotBlank String rolesClaim, Map<String, String> roleMapping) {

        public Oidc {
            rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
            roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
        }
    }

    /**
     * A SECURITY alert {@code CONSOLE_LOGIN_FAILURES} is raised when {@code threshold} logins fail
     * within {@code window} (on all nodes together), at most once per window.
     */
    public record LoginFailures(@Positive Integer threshold, Duration window) {

        public LoginFailures {
            threshold = threshold == null ? 5 : threshold;
            window = window == null ? Duration.ofMinutes(5) : window;
        }
    }

    /**
     * Password guessing is stopped by locking out, for {@code lockout}, a typed username after
     * {@code userFailures} failed logins within {@code window}, and a client address after
     * {@code addressFailures}; while locked, logins for it are refused without checking the password.
     */
    public record LoginThrottle(@Positive Integer userFailures, @Positive Integer addressFailures, Duration window,
            Duration lockout) {

        public LoginThrottle {
            userFailures = userFailures == null ? 5 : userFailures;
            addressFailures = addressFailures == null ? 20 : addressFailures;
            window = window == null ? Duration.ofMinutes(15) : window;
            lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        }
    }
}
