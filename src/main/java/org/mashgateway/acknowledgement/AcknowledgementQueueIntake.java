package org.mashgateway.acknowledgement;

import jakarta.jms.JMSException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.config.IngressProperties;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.directory.Directory;
import org.mashgateway.intake.IngressChannel;
import org.mashgateway.intake.IntakeOutcome;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The queue side of acknowledgements, called by the route {@code acknowledgement-queue-intake}:
 * the sender is the broker user Artemis authenticated (an agency in the directory), never a
 * property the sender could set; the document goes through the same {@link AcknowledgementIntake}.
 */
@Component("acknowledgementQueueIntake")
class AcknowledgementQueueIntake {

    /** Exchange property holding the outcome; a property, so it never becomes a JMS property. */
    static final String OUTCOME = "mashAcknowledgementOutcome";
    /** Set by Artemis on every message when populate-validated-user is on. */
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    private final AcknowledgementIntake intake;
    private final Directory directory;
    private final Alerts alerts;
    private final IngressProperties limits;

    AcknowledgementQueueIntake(AcknowledgementIntake intake, Directory directory, Alerts alerts,
            IngressProperties limits) {
        this.intake = intake;
        this.directory = directory;
        this.alerts = alerts;
        this.limits = limits;
    }

    /** Decides on the message; the original bytes stay the body, every header is dropped. */
    public void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        Optional<Caller> caller = validatedUser(exchange)
                .flatMap(directory::agency)
                .map(agency -> new Caller(CallerKind.AGENCY, agency.code()));
        byte[] body = Optional.ofNullable(in.getBody(byte[].class)).orElse(new byte[0]);
        in.removeHeaders("*");
        in.setBody(body);
        IntakeOutcome outcome;
        if (caller.isEmpty()) {
            alerts.raise(AlertKind.SECURITY, "UNKNOWN_SENDER",
                    "message for ACKNOWLEDGEMENT_INTAKE from a broker user that is not a registered agency");
            outcome = Refused.of(HttpStatus.FORBIDDEN, "UNKNOWN_SENDER",
                    "The broker user is not registered in the gateway's directory as an agency.");
        } else if (body.length > limits.maxBytes()) {
            outcome = Refused.of(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_LARGE",
                    "The document is larger than the " + limits.maxBytes() + " bytes accepted.");
        } else {
            outcome = intake.receive(caller.get(), body, IngressChannel.QUEUE);
        }
        exchange.setProperty(OUTCOME, outcome);
    }

    /** True when the route must quarantine the message. */
    public boolean refused(Exchange exchange) {
        return exchange.getProperty(OUTCOME, IntakeOutcome.class) instanceof Refused;
    }

    /** For the quarantine: the original bytes with only the reason code and the intake as properties. */
    public void quarantine(Exchange exchange) {
        Refused refused = (Refused) exchange.getProperty(OUTCOME, IntakeOutcome.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("MashReasonCode", refused.reasonCode());
        message.setHeader("MashDocumentType", "ACKNOWLEDGEMENT_INTAKE");
    }

    private static Optional<String> validatedUser(Exchange exchange) {
        if (exchange.getMessage() instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            try {
                return Optional.ofNullable(jms.getJmsMessage().getStringProperty(VALIDATED_USER));
            } catch (JMSException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
