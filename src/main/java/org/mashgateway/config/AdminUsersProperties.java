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
 * none and uses an identity provider), how an identity provider's claim becomes a console role, and
 * when repeated login failures raise a SECURITY alert.
 *
 * @param users         console users from configuration
 * @param oidc          how roles are read from an OpenID Connect identity provider's tokens
 * @param loginFailures when failed logins become an alert
 */
@Validated
@ConfigurationProperties("mash.admin")
public record AdminUsersProperties(@Valid List<User> users, @Valid Oidc oidc, @Valid LoginFailures loginFailures) {

    public AdminUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
        oidc = oidc == null ? new Oidc(null, null) : oidc;
        loginFailures = loginFailures == null ? new LoginFailures(null, null) : loginFailures;
    }

    /** A console user: a password hash in Spring's {id}hash form, and roles (OPERATOR, ADMIN, AUDITOR). */
    public record User(@NotBlank String username, @NotBlank String passwordHash, @NotEmpty List<String> roles) {}

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
     * within {@code window} (on this node), at most once per window.
     */
    public record LoginFailures(@Positive Integer threshold, Duration window) {

        public LoginFailures {
            threshold = threshold == null ? 5 : threshold;
            window = window == null ? Duration.ofMinutes(5) : window;
        }
    }
}
