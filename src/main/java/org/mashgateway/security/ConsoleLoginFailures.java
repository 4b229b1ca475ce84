package org.mashgateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.mashgateway.alert.SecurityBursts;
import org.mashgateway.config.AdminUsersProperties;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.stereotype.Component;

/**
 * Watches failed console logins (form, HTTP basic or identity provider), because many of them in a
 * short time are someone guessing passwords: each one is counted, and {@code threshold} failures
 * within {@code window}, on any of the nodes together, raise one SECURITY alert {@value #REASON}
 * per window ({@link SecurityBursts}, in the database).
 *
 * <p>The failure event carries what was typed as the username; it is never read here, so it cannot
 * reach a log, the alert or a metric label.
 */
@Component
class ConsoleLoginFailures {

    static final String REASON = "CONSOLE_LOGIN_FAILURES";

    private final SecurityBursts bursts;
    private final Counter failures;
    private final int threshold;
    private final Duration window;

    ConsoleLoginFailures(SecurityBursts bursts, MeterRegistry meters, AdminUsersProperties properties) {
        this.bursts = bursts;
        this.failures = Counter.builder("mash.console.login.failures")
                .description("Failed logins to the admin console")
                .register(meters);
        this.threshold = properties.loginFailures().threshold();
        this.window = properties.loginFailures().window();
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureProviderNotFoundEvent) {
            // Not a login that failed: the shared user-password manager saying it cannot judge an
            // OIDC token, published alongside the OIDC provider's own verdict, which is counted.
            return;
        }
        failures.increment();
        bursts.record(REASON, threshold, window, threshold + " failed console logins within " + window);
    }
}
