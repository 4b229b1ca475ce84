package org.mashgateway.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the gateway's problem+json bodies. Every problem carries a {@code reasonCode} that
 * partners can program against; {@code detail} and {@code errors} name rules and elements, never
 * values from the document.
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String reasonCode, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:mash-gateway:problem:" + reasonCode.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("reasonCode", reasonCode);
        return problem;
    }

    /** A problem listing where the document broke which rule. */
    public static ProblemDetail withErrors(HttpStatus status, String reasonCode, String detail, List<ErrorLocation> errors) {
        ProblemDetail problem = of(status, reasonCode, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** One broken rule: where it is and what the rule says. */
    public record ErrorLocation(int line, int column, String message) {}
}
