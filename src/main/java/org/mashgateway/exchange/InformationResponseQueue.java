package org.mashgateway.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.config.IngressProperties;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.directory.Directory;
import org.mashgateway.intake.IngressChannel;
import org.mashgateway.intake.IntakeOutcome;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The queue side of the response intake, called by the route {@code information-response-queue-intake}.
 * The sender is the broker user Artemis validated for the connection ({@code _AMQ_VALIDATED_USER},
 * never a property the sender could set), which must be an agency in the directory; the document
 * goes through the same {@link InformationResponseIntake} as HTTPS and mail. Refused messages are
 * quarantined with their reason code; reports go only to the agency's own {@code mash.reply.<CODE>}.
 */
@Component("informationResponseQueue")
class InformationResponseQueue {

    /** Exchange properties (never JMS properties): the outcome, and where the sender's report goes. */
    static final String OUTCOME = "mashResponseOutcome";
    static final String REPORT_QUEUE = "mashReportQueue";
    static final String REPORT_CORRELATION = "mashReportCorrelation";

    /** Set by Artemis on every message when populate-validated-user is on. */
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    private final InformationResponseIntake intake;
    private final Directory directory;
    private final Alerts alerts;
    private final IngressProperties limits;
    private final ObjectMapper json;

    InformationResponseQueue(InformationResponseIntake intake, Directory directory, Alerts alerts,
            IngressProperties limits, ObjectMapper json) {
        this.intake = intake;
        this.directory = directory;
        this.alerts = alerts;
        this.limits = limits;
        this.json = json;
    }

    /** Decides on the message; the original bytes stay the body, every header is dropped. */
    public void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        Optional<Caller> caller = validatedUser(exchange)
                .flatMap(directory::agency)
                .map(agency -> new Caller(CallerKind.AGENCY, agency.code()));
        if (caller.isPresent() && in.getHeader("JMSReplyTo") != null) {
            exchange.setProperty(REPORT_QUEUE, BrokerAddresses.replyQueue(caller.get().code()));
            String correlation = in.getHeader("JMSCorrelationID", String.class);
            exchange.setProperty(REPORT_CORRELATION,
                    correlation != null ? correlation : in.getHeader("JMSMessageID", String.class));
        }
        byte[] body = Optional.ofNullable(in.getBody(byte[].class)).orElse(new byte[0]);
        in.removeHeaders("*");
        in.setBody(body);
        IntakeOutcome outcome;
        if (caller.isEmpty()) {
            alerts.raise(AlertKind.SECURITY, "UNKNOWN_SENDER",
                    "information response on the queue from a broker user that is not a registered agency");
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

    /** For the quarantine: the original bytes with only the reason code and the ingress as properties. */
    public void quarantine(Exchange exchange) {
        Refused refused = (Refused) exchange.getProperty(OUTCOME, IntakeOutcome.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("MashReasonCode", refused.reasonCode());
        message.setHeader("MashDocumentType", "INFORMATION_RESPONSE_INTAKE");
    }

    /** True when the sender asked for a report (set a JMSReplyTo) and is a registered agency. */
    public boolean wantsReport(Exchange exchange) {
        return exchange.getProperty(REPORT_QUEUE) != null;
    }

    /** The sender's report (reference or reason codes, never content) as the body. */
    public void report(Exchange exchange) throws JsonProcessingException {
        IntakeOutcome outcome = exchange.getProperty(OUTCOME, IntakeOutcome.class);
        Map<String, Object> report = new LinkedHashMap<>();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("JMSCorrelationID", exchange.getProperty(REPORT_CORRELATION, String.class));
        if (outcome instanceof Accepted accepted) {
            report.put("reference", accepted.reference());
            report.put("id", accepted.senderId());
            report.put("status", accepted.statusWord());
            message.setHeader("MashReference", accepted.reference());
        } else {
            Refused refused = (Refused) outcome;
            report.put("status", "REJECTED");
            report.put("httpEquivalent", refused.status().value());
            report.put("reasonCode", refused.reasonCode());
            report.put("errors", refused.errors().stream()
                    .map(error -> Map.of("line", error.line(), "column", error.column()))
                    .toList());
        }
        message.setBody(json.writeValueAsString(report));
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
