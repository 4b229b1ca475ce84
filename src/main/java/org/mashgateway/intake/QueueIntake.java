package org.mashgateway.intake;

import jakarta.jms.JMSException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.broker.MessageProperties;
import org.mashgateway.config.IngressProperties;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.directory.Directory;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.intake.QueueMessageBody.Document;
import org.mashgateway.intake.QueueMessageBody.Unreadable;
import org.mashgateway.store.QuarantineCopies;
import org.mashgateway.xml.DocumentType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The queue side of every intake, called by the routes {@code *-queue-intake} (one method per
 * queue). The sender is the broker user that Artemis validated for the connection (never a property
 * the sender could set), which must be registered for that queue; the document goes through the
 * same intake as HTTPS and mail ({@link NotificationIntake}, {@link InformationRequestIntake}, or
 * the {@link PartnerDocumentIntake} that takes its document type).
 */
@Component("queueIntake")
class QueueIntake {

    /** Exchange property holding the {@link IntakeOutcome}; a property, so it never becomes a JMS property. */
    static final String OUTCOME = "mashIntakeOutcome";

    /** Set by Artemis on every message when populate-validated-user is on. */
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    /** Exchange property naming which intake took the message, for the quarantine. */
    static final String INGRESS = "mashIngress";

    /** Exchange property: the registered sender's code, for the quarantine copy's record. */
    static final String SENDER = "mashSender";

    /** Exchange properties: where the sender's report goes, and what it answers. */
    static final String REPORT_QUEUE = "mashReportQueue";
    static final String REPORT_CORRELATION = "mashReportCorrelation";

    private final NotificationIntake notifications;
    private final InformationRequestIntake informationRequests;
    private final List<PartnerDocumentIntake> partnerIntakes;
    private final Directory directory;
    private final Alerts alerts;
    private final IngressProperties limits;
    private final ObjectMapper json;
    private final IntakeTimer intakeTimer;
    private final QuarantineCopies quarantineCopies;

    QueueIntake(NotificationIntake notifications, InformationRequestIntake informationRequests,
            List<PartnerDocumentIntake> partnerIntakes, Directory directory, Alerts alerts, IngressProperties limits,
            ObjectMapper json, IntakeTimer intakeTimer, QuarantineCopies quarantineCopies) {
        this.notifications = notifications;
        this.informationRequests = informationRequests;
        this.partnerIntakes = List.copyOf(partnerIntakes);
        this.directory = directory;
        this.alerts = alerts;
        this.limits = limits;
        this.json = json;
        this.intakeTimer = intakeTimer;
        this.quarantineCopies = quarantineCopies;
    }

    /**
     * Decides on the message; the document's bytes, if read, stay the body, every header is
     * dropped. A sender that set a JMSReplyTo gets its report on its own reply queue,
     * {@code mash.reply.<CODE>}, and nowhere else: a force cannot aim the gateway's reports at
     * another partner's queue.
     */
    public void receiveNotification(Exchange exchange) throws JMSException {
        receive(exchange, "NOTIFICATION_INTAKE",
                user -> directory.force(user).map(force -> new Caller(CallerKind.FORCE, force.code())),
                notifications::receive);
    }

    /** The same for the case system's information requests on {@code mash.in.information-requests}. */
    public void receiveInformationRequest(Exchange exchange) throws JMSException {
        receive(exchange, "INFORMATION_REQUEST_INTAKE",
                user -> directory.caseSystem(user).map(system -> new Caller(CallerKind.CASE_SYSTEM, system.code())),
                informationRequests::receive);
    }

    /** The same for agencies' information responses on {@code mash.in.information-responses}. */
    public void receiveInformationResponse(Exchange exchange) throws JMSException {
        receive(exchange, "INFORMATION_RESPONSE_INTAKE", this::agency,
                PartnerDocumentIntake.taking(partnerIntakes, DocumentType.INFORMATION_RESPONSE)::receive);
    }

    /** The same for agencies' acknowledgements on {@code mash.in.acknowledgements}. */
    public void receiveAcknowledgement(Exchange exchange) throws JMSException {
        receive(exchange, "ACKNOWLEDGEMENT_INTAKE", this::agency,
                PartnerDocumentIntake.taking(partnerIntakes, DocumentType.ACKNOWLEDGEMENT)::receive);
    }

    private Optional<Caller> agency(String user) {
        return directory.agency(user).map(agency -> new Caller(CallerKind.AGENCY, agency.code()));
    }

    private void receive(Exchange exchange, String ingress, Function<String, Optional<Caller>> registered,
            Intake intake) throws JMSException {
        Message in = exchange.getMessage();
        // The JMS message as received: the routes consume with mapJmsMessage=false, so Camel never
        // maps (and never deserializes) its body; only QueueMessageBody reads it.
        jakarta.jms.Message received = ((JmsMessage) in).getJmsMessage();
        Optional<Caller> caller = Optional.ofNullable(received.getStringProperty(VALIDATED_USER)).flatMap(registered);
        caller.ifPresent(known -> exchange.setProperty(SENDER, known.code()));
        if (caller.isPresent() && received.getJMSReplyTo() != null) {
            exchange.setProperty(REPORT_QUEUE, BrokerAddresses.replyQueue(caller.get().code()));
            String correlation = received.getJMSCorrelationID();
            exchange.setProperty(REPORT_CORRELATION, correlation != null ? correlation : received.getJMSMessageID());
        }
        QueueMessageBody body = QueueMessageBody.read(received, limits.maxBytes());
        // An unread body stays unread: its quarantine copy holds the reason alone.
        byte[] bytes = body instanceof Document document ? document.bytes() : new byte[0];
        in.removeHeaders("*");
        in.setBody(bytes);
        IntakeOutcome outcome;
        if (caller.isEmpty()) {
            alerts.raise(AlertKind.SECURITY, "UNKNOWN_SENDER", "message for " + ingress + " from a broker user "
                    + "that is not registered for it");
            outcome = Refused.of(HttpStatus.FORBIDDEN, "UNKNOWN_SENDER",
                    "The broker user is not registered in the gateway's directory for this queue.");
        } else if (body instanceof Unreadable unreadable) {
            outcome = unreadable.refused();
        } else {
            Caller sender = caller.get();
            outcome = intakeTimer.timed(ingress, IngressChannel.QUEUE,
                    () -> intake.receive(sender, bytes, IngressChannel.QUEUE));
        }
        exchange.setProperty(OUTCOME, outcome);
        exchange.setProperty(INGRESS, ingress);
    }

    /** One intake service: notifications, information requests, or a partner document intake. */
    @FunctionalInterface
    private interface Intake {
        IntakeOutcome receive(Caller caller, byte[] body, IngressChannel via);
    }

    /**
     * For the quarantine: the reason code and the intake as properties, and the reference under which
     * the document's bytes are kept encrypted in the store (none if refused unread); the broker's
     * copy holds no content.
     */
    public void quarantine(Exchange exchange) {
        Refused refused = (Refused) exchange.getProperty(OUTCOME, IntakeOutcome.class);
        Message message = exchange.getMessage();
        byte[] document = message.getBody(byte[].class);
        message.removeHeaders("*");
        message.setHeader(MessageProperties.REASON_CODE, refused.reasonCode());
        message.setHeader(MessageProperties.DOCUMENT_TYPE, exchange.getProperty(INGRESS, String.class));
        if (document != null && document.length > 0) {
            message.setHeader(MessageProperties.REFERENCE,
                    quarantineCopies.keep(document, refused.reasonCode(), exchange.getProperty(SENDER, String.class)));
        }
        message.setBody(new byte[0]);
    }

    /** True when the sender asked for a report (set a JMSReplyTo) and is registered for the queue. */
    public boolean wantsReport(Exchange exchange) {
        return exchange.getProperty(REPORT_QUEUE) != null;
    }

    /** The sender's report (reference or reason codes, never content) as the body. */
    public void report(Exchange exchange) {
        IntakeOutcome outcome = exchange.getProperty(OUTCOME, IntakeOutcome.class);
        Map<String, Object> report = new LinkedHashMap<>();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("JMSCorrelationID", exchange.getProperty(REPORT_CORRELATION, String.class));
        if (outcome instanceof Accepted accepted) {
            report.put("reference", accepted.reference());
            report.put("id", accepted.senderId());
            report.put("status", accepted.statusWord());
            message.setHeader(MessageProperties.REFERENCE, accepted.reference());
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

    /** True when the route must quarantine the message. */
    public boolean refused(Exchange exchange) {
        return exchange.getProperty(OUTCOME, IntakeOutcome.class) instanceof Refused;
    }
}
