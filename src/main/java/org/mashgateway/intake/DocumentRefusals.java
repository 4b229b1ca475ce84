package org.mashgateway.intake;

import java.util.List;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.web.Problems.ErrorLocation;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.RejectionReason;
import org.springframework.http.HttpStatus;

/** What a sender is told when its document could not be read or broke the schema; shared by every intake. */
public final class DocumentRefusals {

    private DocumentRefusals() {}

    public static Refused of(DocumentRejectedException e, long maxBytes) {
        RejectionReason reason = e.reason();
        HttpStatus status = reason == RejectionReason.TOO_LARGE ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        List<ErrorLocation> errors = e.errors().stream()
                .map(error -> new ErrorLocation(error.line(), error.column(), error.message()))
                .toList();
        return new Refused(status, reason.name(), explain(reason, maxBytes), errors);
    }

    /** Refusals that are security events: the sender tried something the gateway must never process. */
    public static boolean isSecurityEvent(RejectionReason reason) {
        return reason == RejectionReason.CLASSIFICATION_NOT_PERMITTED || reason == RejectionReason.DTD_FORBIDDEN;
    }

    /** What each reason means, in words a police or agency systems integrator understands. */
    private static String explain(RejectionReason reason, long maxBytes) {
        return switch (reason) {
            case TOO_LARGE -> "The document is larger than the " + maxBytes + " bytes this gateway accepts.";
            case NOT_WELL_FORMED -> "The body is not well-formed XML 1.0 in UTF-8.";
            case DTD_FORBIDDEN -> "Documents must not contain a DOCTYPE: DTDs and entities are never processed.";
            case TOO_DEEP -> "Elements are nested deeper than the gateway accepts.";
            case UNKNOWN_DOCUMENT -> "The root element and namespace are not one of the gateway's documents.";
            case SCHEMA_INVALID -> "The document breaks the schema; each error names the element and the rule.";
            case INVALID_NHS_NUMBER -> "An NhsNumber fails the modulus 11 check digit.";
            case CLASSIFICATION_NOT_PERMITTED -> "Classification: only OFFICIAL or OFFICIAL-SENSITIVE are accepted; "
                    + "the gateway is not accredited above OFFICIAL.";
        };
    }
}
