package org.mashgateway.intake;

import java.util.List;
import org.mashgateway.web.Problems.ErrorLocation;
import org.springframework.http.HttpStatus;

/** What the gateway answers a sender: accepted (now or before), or refused with a reason code. */
public sealed interface IntakeOutcome {

    HttpStatus status();

    /** The document is durably persisted under {@code reference}; {@code alreadyAccepted} for an identical resend. */
    record Accepted(String reference, String senderId, boolean alreadyAccepted) implements IntakeOutcome {
        @Override
        public HttpStatus status() {
            return alreadyAccepted ? HttpStatus.OK : HttpStatus.ACCEPTED;
        }

        public String statusWord() {
            return alreadyAccepted ? "ALREADY_ACCEPTED" : "ACCEPTED";
        }
    }

    /** Nothing was accepted. {@code detail} and {@code errors} name rules and elements, never values. */
    record Refused(HttpStatus status, String reasonCode, String detail, List<ErrorLocation> errors)
            implements IntakeOutcome {
        public Refused {
            errors = List.copyOf(errors);
        }

        public static Refused of(HttpStatus status, String reasonCode, String detail) {
            return new Refused(status, reasonCode, detail, List.of());
        }
    }
}
