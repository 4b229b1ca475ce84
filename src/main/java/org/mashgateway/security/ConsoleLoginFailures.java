package org.mashgateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.config.AdminUsersProperties;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.stereotype.Component;

/**
 * Watches failed console logins (form, HTTP basic or identity provider), because many of them in a
 * short time are someone guessing passwords: each one is counted, and {@code threshold} failures
 * within {@code window} raise one SECURITY alert {@value #REASON} per window.
 *
 * <p>The failure event carries what was typed as the username; it is never read here, so it cannot
 * reach a log, the alert or a metric label. The window is kept per node, in memory.
 */
@Component
class ConsoleLoginFailures {

    static final String REASON = "CONSOLE_LOGIN_FAILURES";

    private final Alerts alerts;
    private final Clock clock;
    private final Counter failures;
    private final int threshold;
    private final Duration window;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private Instant lastAlert;

    ConsoleLoginFailures(Alerts alerts, MeterRegistry meters, Clock clock, AdminUsersProperties properties) {
        this.alerts = alerts;
        this.clock = clock;
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
        if (thresholdReached()) {
            alerts.raise(AlertKind.SECURITY, REASON,
                    threshold + " failed console logins within " + window + " on this node");
        }
    }

    private synchronized boolean thresholdReached() {
        Instant now = clock.instant();
        recent.addLast(now);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() < threshold || lastAlert != null && lastAlert.isAfter(now.minus(window))) {
            return false;
        }
        lastAlert = now;
        recent.clear();
        return true;
    }
}
