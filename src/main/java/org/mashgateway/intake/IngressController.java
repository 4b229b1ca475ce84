package org.mashgateway.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.mashgateway.config.IngressProperties;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.security.Callers;
import org.mashgateway.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTPS ingress over mutual TLS: {@code POST /api/v1/notifications} (police notifications and
 * withdrawals), {@code POST /api/v1/information-requests} (the case system's requests), and the
 * agencies' {@code POST /api/v1/information-responses} and {@code POST /api/v1/acknowledgements}
 * (handed to the {@link PartnerDocumentIntake} that takes the type). The caller was authenticated
 * by the /api filter; the body is read here, bounded, and handed to the Camel route of its type
 * ({@code routes/https-intake.camel.yaml}), which an admin sees and can pause like the queue routes.
 * Every path answers alike: 202, 200 for a resend, problem+json 400/403/409/413/415, 503 with
 * Retry-After (the store down, or the route paused).
 */
@RestController
class IngressController {

    private final HttpsIntakeRoutes routes;
    private final IngressProperties limits;
    private final IntakeTimer intakeTimer;

    IngressController(HttpsIntakeRoutes routes, IngressProperties limits, IntakeTimer intakeTimer) {
        this.routes = routes;
        this.limits = limits;
        this.intakeTimer = intakeTimer;
    }

    @PostMapping("/api/v1/notifications")
    ResponseEntity<?> notification(HttpServletRequest request) throws IOException {
        return receive(request, "NOTIFICATION_INTAKE", HttpsIntakeRoutes.NOTIFICATION);
    }

    @PostMapping("/api/v1/information-requests")
    ResponseEntity<?> informationRequest(HttpServletRequest request) throws IOException {
        return receive(request, "INFORMATION_REQUEST_INTAKE", HttpsIntakeRoutes.INFORMATION_REQUEST);
    }

    @PostMapping("/api/v1/information-responses")
    ResponseEntity<?> informationResponse(HttpServletRequest request) throws IOException {
        return receive(request, "INFORMATION_RESPONSE_INTAKE", HttpsIntakeRoutes.INFORMATION_RESPONSE);
    }

    @PostMapping("/api/v1/acknowledgements")
    ResponseEntity<?> acknowledgement(HttpServletRequest request) throws IOException {
        return receive(request, "ACKNOWLEDGEMENT_INTAKE", HttpsIntakeRoutes.ACKNOWLEDGEMENT);
    }

    /** Checks what HTTP can check (type, size), then hands the document to its intake route. */
    private ResponseEntity<?> receive(HttpServletRequest request, String ingress, String route) throws IOException {
        if (!isXml(request.getContentType())) {
            return problem(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_CONTENT_TYPE",
                    "Content-Type must be application/xml or text/xml."));
        }
        if (request.getContentLengthLong() > limits.maxBytes()) {
            return tooLarge();
        }
        byte[] body = readAtMost(request.getInputStream(), limits.maxBytes());
        if (body == null) {
            return tooLarge();
        }
        HttpsIntake.Posted posted = new HttpsIntake.Posted(Callers.of(request), body);
        IntakeOutcome outcome = intakeTimer.timed(ingress, IngressChannel.HTTPS, () -> routes.receive(route, posted));
        if (outcome instanceof Accepted accepted) {
            return ResponseEntity.status(accepted.status()).contentType(MediaType.APPLICATION_JSON).body(Map.of(
                    "reference", accepted.reference(), "id", accepted.senderId(), "status", accepted.statusWord()));
        }
        Refused refused = (Refused) outcome;
        return problem(Problems.withErrors(refused.status(), refused.reasonCode(), refused.detail(), refused.errors()));
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> storeUnavailable() {
        return unavailable("STORE_UNAVAILABLE", "The gateway cannot durably store documents at the moment; nothing was "
                + "accepted. Send the same document again after Retry-After seconds.");
    }

    @ExceptionHandler(HttpsIntakeRoutes.IntakePaused.class)
    ResponseEntity<ProblemDetail> intakePaused() {
        return unavailable("INTAKE_PAUSED", "The gateway's administrators have paused intake of this document type; "
                + "nothing was read or accepted. Send the same document again after Retry-After seconds.");
    }

    /** 503 with Retry-After: the caller sends the same document again later. */
    private ResponseEntity<ProblemDetail> unavailable(String reasonCode, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(limits.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, reasonCode, detail));
    }

    private ResponseEntity<ProblemDetail> tooLarge() {
        return problem(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_LARGE",
                "The document is larger than the " + limits.maxBytes() + " bytes this gateway accepts."));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean isXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_XML) && !type.isWildcardSubtype()
                    || type.isCompatibleWith(MediaType.TEXT_XML) && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The body, or null when it is longer than {@code max}: never more than max + 1 bytes are held. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return body.length > max ? null : body;
    }
}
