package org.mashgateway.exchange;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.mashgateway.config.IngressProperties;
import org.mashgateway.intake.IngressChannel;
import org.mashgateway.intake.IntakeOutcome;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.intake.StoreUnavailableException;
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
 * {@code POST /api/v1/information-responses} over mutual TLS: an agency's InformationResponse. The
 * /api filter already let only agencies in; the body is read here, bounded, and handed to the intake.
 * Answers as every ingress does: 202, 200 for a resend, problem+json 400/403/409/413/415, 503.
 */
@RestController
class InformationResponseController {

    private final InformationResponseIntake intake;
    private final IngressProperties limits;

    InformationResponseController(InformationResponseIntake intake, IngressProperties limits) {
        this.intake = intake;
        this.limits = limits;
    }

    @PostMapping("/api/v1/information-responses")
    ResponseEntity<?> informationResponse(HttpServletRequest request) throws IOException {
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
        IntakeOutcome outcome = intake.receive(Callers.of(request), body, IngressChannel.HTTPS);
        if (outcome instanceof Accepted accepted) {
            return ResponseEntity.status(accepted.status()).contentType(MediaType.APPLICATION_JSON).body(Map.of(
                    "reference", accepted.reference(), "id", accepted.senderId(), "status", accepted.statusWord()));
        }
        Refused refused = (Refused) outcome;
        return problem(Problems.withErrors(refused.status(), refused.reasonCode(), refused.detail(), refused.errors()));
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> storeUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(limits.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE",
                        "The gateway cannot durably store documents at the moment; nothing was accepted. "
                                + "Send the same document again after Retry-After seconds."));
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
            return !type.isWildcardSubtype()
                    && (type.isCompatibleWith(MediaType.APPLICATION_XML) || type.isCompatibleWith(MediaType.TEXT_XML));
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
