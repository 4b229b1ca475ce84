package org.mashgateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.directory.Directory;
import org.mashgateway.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Every {@code /api} request must come from a registered partner: a client certificate that chains
 * to the trust anchors, is registered in the directory, and belongs to a caller kind allowed on the
 * path. Refusals are answered as problem+json, counted by reason and raised as security alerts;
 * anonymous ones (no certificate, or one nobody trusted issued) at most one alert a minute per
 * reason, so that anyone on the network cannot fill the alert store.
 * The accepted {@link Caller} is left on the request for the controllers.
 */
class ApiCallerFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated {@link Caller}. */
    static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    private static final Duration ANONYMOUS_ALERT_INTERVAL = Duration.ofMinutes(1);

    private final CallerCertificateVerifier verifier;
    private final Directory directory;
    private final Alerts alerts;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<CallerRefusal, Instant> anonymousAlertedUntil = new ConcurrentHashMap<>();

    ApiCallerFilter(CallerCertificateVerifier verifier, Directory directory, Alerts alerts, MeterRegistry meters,
            ObjectMapper json, Clock clock) {
        this.verifier = verifier;
        this.directory = directory;
        this.alerts = alerts;
        this.meters = meters;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
        Optional<CallerRefusal> refusal = verifier.refusalFor(certificates);
        Optional<Caller> caller = Optional.empty();
        if (refusal.isEmpty()) {
            caller = directory.callerFor(certificates[0]);
            if (caller.isEmpty()) {
                refusal = Optional.of(CallerRefusal.CERTIFICATE_NOT_REGISTERED);
            } else if (!mayUse(caller.get().kind(), request.getRequestURI())) {
                refusal = Optional.of(CallerRefusal.CALLER_NOT_PERMITTED_FOR_PATH);
            }
        }
        if (refusal.isPresent()) {
            refuse(request, response, refusal.get(), caller);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    /** Which kind of caller may use which ingress path (interfaces.md, HTTPS ingress). */
    static boolean mayUse(CallerKind kind, String path) {
        if (path.startsWith("/api/v1/notifications")) {
            return kind == CallerKind.FORCE;
        }
        if (path.startsWith("/api/v1/information-requests")) {
            return kind == CallerKind.CASE_SYSTEM;
        }
        if (path.startsWith("/api/v1/information-responses") || path.startsWith("/api/v1/acknowledgements")) {
            return kind == CallerKind.AGENCY;
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, CallerRefusal refusal,
            Optional<Caller> caller) throws IOException {
        meters.counter("mash.ingress.refusals", "reason", refusal.name(), "channel", "HTTPS").increment();
        String who = caller.map(c -> c.kind() + " " + c.code()).orElse("unidentified caller");
        if (!refusal.anonymous()) {
            alerts.raise(AlertKind.SECURITY, refusal.name(), who + " refused on " + pathFamily(request.getRequestURI()));
        } else if (firstInTheMinute(refusal)) {
            alerts.raise(AlertKind.SECURITY, refusal.name(), who + " refused on " + pathFamily(request.getRequestURI())
                    + "; further ones within a minute are only counted (mash_ingress_refusals_total)");
        }
        ProblemDetail problem = Problems.of(refusal.status(), refusal.name(), refusal.explanation());
        response.setStatus(refusal.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private boolean firstInTheMinute(CallerRefusal refusal) {
        Instant now = clock.instant();
        boolean[] first = {false};
        anonymousAlertedUntil.compute(refusal, (reason, until) -> {
            if (until != null && now.isBefore(until)) {
                return until;
            }
            first[0] = true;
            return now.plus(ANONYMOUS_ALERT_INTERVAL);
        });
        return first[0];
    }

    /** The path without ids: a notification id in an alert would be a police id. */
    private static String pathFamily(String path) {
        String[] parts = path.split("/");
        return parts.length > 3 ? "/" + parts[1] + "/" + parts[2] + "/" + parts[3] : path;
    }
}
