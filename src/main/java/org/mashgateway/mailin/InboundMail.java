package org.mashgateway.mailin;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import java.util.List;
import java.util.Optional;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.broker.MessageProperties;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.directory.Directory;
import org.mashgateway.intake.DocumentRefusals;
import org.mashgateway.intake.IngressChannel;
import org.mashgateway.intake.IntakeOutcome;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.intake.PartnerDocumentIntake;
import org.mashgateway.intake.StoreUnavailableException;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.Unprotected;
import org.mashgateway.protection.UntrustedMessageException;
import org.mashgateway.store.QuarantineCopies;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.XmlDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Decides on one inbound mail, given as its raw bytes: opened (decrypted with the gateway's key,
 * signature verified against the trust anchors), its signer found among the directory's agencies,
 * and its XML attachment handed to the {@link PartnerDocumentIntake} that takes its document type,
 * which then checks that the document's sender is the signer. Whatever cannot be trusted or is
 * refused is copied, raw, to {@code mash.quarantine} with its reason code; failures of trust also
 * raise a SECURITY alert. Such a mail is never processed further. Every refusal gets its decision
 * record; alerts and kept copies are bounded per interval by {@link RefusedMailLimits}, so that a
 * flood of hostile mail cannot fill the alert store or the quarantine.
 */
class InboundMail {

    private static final Logger log = LoggerFactory.getLogger(InboundMail.class);

    static final String POLICY_VERSION = "mail-in-1";

    /** Larger than {@code mash.mail.imap.max-bytes}: refused unread. */
    static final String MAIL_TOO_LARGE = "MAIL_TOO_LARGE";
    /** Its processing failed: set aside rather than tried again and again. */
    static final String MAIL_NOT_PROCESSABLE = "MAIL_NOT_PROCESSABLE";

    /** What the mailbox does with the mail afterwards. */
    enum Handled {
        /** The outcome is durable (accepted, or quarantined): mark the mail seen. */
        DONE,
        /** Nothing could be made durable now (store or broker down): leave the mail for the next poll. */
        RETRY
    }

    private final MessageProtection protection;
    private final Directory directory;
    private final XmlDocuments xml;
    private final List<PartnerDocumentIntake> intakes;
    private final DecisionLog decisions;
    private final Alerts alerts;
    private final QuarantineCopies quarantineCopies;
    private final JmsTemplate jms;
    private final MeterRegistry meters;
    private final RefusedMailLimits limits;

    InboundMail(MessageProtection protection, Directory directory, XmlDocuments xml, List<PartnerDocumentIntake> intakes,
            DecisionLog decisions, Alerts alerts, JmsTemplate jms, MeterRegistry meters, RefusedMailLimits limits,
            QuarantineCopies quarantineCopies) {
        this.protection = protection;
        this.directory = directory;
        this.xml = xml;
        this.intakes = List.copyOf(intakes);
        this.decisions = decisions;
        this.alerts = alerts;
        this.jms = jms;
        this.quarantineCopies = quarantineCopies;
        this.meters = meters;
        this.limits = limits;
    }

    Handled handle(byte[] rawMail) {
        String outcome;
        try {
            outcome = decide(rawMail);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vmError) {
                // The heap or the stack is exhausted: no work is safe now. The mailbox counts the attempt.
                throw vmError;
            }
            if (e instanceof RuntimeException runtime && isTransient(runtime)) {
                log.warn("Inbound mail left for the next poll: {}", e.getClass().getSimpleName());
                count("RETRY");
                return Handled.RETRY;
            }
            // A fault of the gateway on this mail: set it aside rather than let it block the mailbox.
            log.error("Inbound mail could not be processed: {}", e.getClass().getSimpleName());
            try {
                quarantine(rawMail, MAIL_NOT_PROCESSABLE, null, AlertKind.SYSTEM);
            } catch (RuntimeException quarantineFailure) {
                count("RETRY");
                return Handled.RETRY;
            }
            outcome = MAIL_NOT_PROCESSABLE;
        }
        count(outcome);
        return Handled.DONE;
    }

    /**
     * Records the quarantine of a mail that is not read at all (too large, or one whose processing
     * failed too often), with the alert if one is due; the mail stays on the server, set aside.
     */
    Handled refuseUnread(String reasonCode) {
        try {
            decisions.append(Decision.of(DecisionKind.QUARANTINED)
                    .policyVersion(POLICY_VERSION)
                    .reasonCode(reasonCode)
                    .build());
            alert(MAIL_TOO_LARGE.equals(reasonCode) ? AlertKind.SECURITY : AlertKind.SYSTEM, reasonCode,
                    "inbound mail set aside unread in the mailbox, flagged");
        } catch (RuntimeException e) {
            log.warn("Inbound mail refusal left for the next poll: {}", e.getClass().getSimpleName());
            count("RETRY");
            return Handled.RETRY;
        }
        count(reasonCode);
        return Handled.DONE;
    }

    private String decide(byte[] rawMail) {
        Unprotected opened;
        try {
            opened = protection.open(rawMail);
        } catch (UntrustedMessageException e) {
            return quarantine(rawMail, e.reasonCode(), null, AlertKind.SECURITY);
        }
        Optional<Caller> signer = directory.callerFor(opened.signer());
        if (signer.isEmpty() || signer.get().kind() != CallerKind.AGENCY) {
            return quarantine(rawMail, "UNKNOWN_SIGNER", signer.map(Caller::code).orElse(null), AlertKind.SECURITY);
        }
        Caller agency = signer.get();
        byte[] document = opened.xml();
        DocumentType type;
        try {
            type = xml.read(document).type();
        } catch (DocumentRejectedException e) {
            return quarantine(rawMail, e.reason().name(), agency.code(),
                    DocumentRefusals.isSecurityEvent(e.reason()) ? AlertKind.SECURITY : null);
        }
        Optional<PartnerDocumentIntake> intake = intakes.stream()
                .filter(candidate -> candidate.documentTypes().contains(type))
                .findFirst();
        if (intake.isEmpty()) {
            return quarantine(rawMail, "WRONG_DOCUMENT_TYPE", agency.code(), null);
        }
        IntakeOutcome outcome = intake.get().receive(agency, document, IngressChannel.MAIL);
        if (outcome instanceof Refused refused) {
            // The intake recorded the refusal (and raised any alert); the raw mail goes aside for a person.
            if (limits.keepCopy(refused.reasonCode())) {
                sendToQuarantine(quarantineCopies.keep(rawMail, refused.reasonCode(), agency.code()), refused.reasonCode());
            }
            return refused.reasonCode();
        }
        return "ACCEPTED";
    }

    /**
     * Records the quarantine, alerts if asked (once per reason and interval), and copies the raw
     * mail to the quarantine queue while this interval's allowance of copies lasts.
     */
    private String quarantine(byte[] rawMail, String reasonCode, String sender, AlertKind alert) {
        decisions.append(Decision.of(DecisionKind.QUARANTINED)
                .policyVersion(POLICY_VERSION)
                .reasonCode(reasonCode)
                .sender(sender)
                .documentHash(Decision.sha256Hex(rawMail))
                .build());
        if (alert != null) {
            alert(alert, reasonCode, "inbound mail quarantined" + (sender == null ? "" : " (signer " + sender + ")"));
        }
        if (limits.keepCopy(reasonCode)) {
            sendToQuarantine(quarantineCopies.keep(rawMail, reasonCode, sender), reasonCode);
        }
        return reasonCode;
    }

    /** Raises the alert if it is the first with this reason in the interval; later ones are only counted. */
    private void alert(AlertKind kind, String reasonCode, String context) {
        if (limits.alertDue(reasonCode)) {
            alerts.raise(kind, reasonCode, context + "; further ones with this reason within " + limits.interval()
                    + " are only counted (mash_mail_inbound_total)");
        }
    }

    /** The quarantine queue's record of a kept mail: its store reference and reason, no content. */
    private void sendToQuarantine(String reference, String reasonCode) {
        jms.send(BrokerAddresses.QUARANTINE, session -> {
            BytesMessage message = session.createBytesMessage();
            message.setStringProperty(MessageProperties.REFERENCE, reference);
            message.setStringProperty(MessageProperties.REASON_CODE, reasonCode);
            message.setStringProperty(MessageProperties.DOCUMENT_TYPE, "MAIL_INTAKE");
            return message;
        });
    }

    /** The store or the broker is down: nothing about the mail is wrong, so it waits for the next poll. */
    private static boolean isTransient(RuntimeException e) {
        return e instanceof StoreUnavailableException
                || e instanceof JmsException
                || e instanceof TransientDataAccessException
                || e instanceof DataAccessResourceFailureException
                || e instanceof CannotCreateTransactionException;
    }

    private void count(String outcome) {
        meters.counter("mash.mail.inbound", "outcome", outcome).increment();
    }
}
