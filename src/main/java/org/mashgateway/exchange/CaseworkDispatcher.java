package org.mashgateway.exchange;

import static org.mashgateway.broker.MessageProperties.CLASSIFICATION;
import static org.mashgateway.broker.MessageProperties.DOCUMENT_TYPE;
import static org.mashgateway.broker.MessageProperties.KIND;
import static org.mashgateway.broker.MessageProperties.REFERENCE;

import jakarta.jms.BytesMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.classification.Classification;
import org.mashgateway.directory.CaseSystem;
import org.mashgateway.directory.Directory;
import org.mashgateway.exchange.CaseworkOutputs.Output;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.NoUsableCertificateException;
import org.mashgateway.protection.Outgoing;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the casework outbox to the MASH case system on {@code mash.out.casework}: each document
 * signed by the gateway and encrypted to the case system's directory certificates (the same S/MIME
 * bytes an agency's queue gets), with only the properties the contract allows. A broker that
 * refuses is retried with back-off; an output that can never go (no certificate, case system not in
 * the directory, body gone) is FAILED with a DELIVERY alert. Sending is at least once: a node that
 * stops between the send and recording it sends again, under the same {@code MashReference}, which
 * the case system uses to recognise the repeat.
 */
class CaseworkDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaseworkDispatcher.class);

    /** Starts after the broker, stops before it. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    private static final int BATCH = 20;

    private final CaseworkOutputs outputs;
    private final MessageStore bodies;
    private final Directory directory;
    private final MessageProtection protection;
    private final SecurityLabel label;
    private final JmsTemplate jms;
    private final DecisionLog decisions;
    private final Alerts alerts;
    private final TransactionTemplate transaction;
    private final CaseworkProperties properties;
    private final Clock clock;
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private final Pollers pollers;
    private Poller poller;
    private volatile boolean running;

    CaseworkDispatcher(CaseworkOutputs outputs, MessageStore bodies, Directory directory, MessageProtection protection,
            SecurityLabel label, JmsTemplate jms, DecisionLog decisions, Alerts alerts, TransactionTemplate transaction,
            CaseworkProperties properties, Clock clock, Pollers pollers) {
        this.outputs = outputs;
        this.bodies = bodies;
        this.directory = directory;
        this.protection = protection;
        this.label = label;
        this.jms = jms;
        this.decisions = decisions;
        this.alerts = alerts;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.pollers = pollers;
    }

    /** Looks for due outputs now rather than at the next tick (new ones have committed). */
    void wake() {
        if (running && pollQueued.compareAndSet(false, true)) {
            poller.wake();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        poller = pollers.start("casework", Duration.ZERO, properties.pollInterval(), this::poll);
        log.info("Casework dispatcher started: polling every {} ms", properties.pollInterval().toMillis());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) {
            // An output cut short stays PENDING (its lease runs out) and is sent at the next start.
            poller.stop(Duration.ofSeconds(10));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Sends a batch of due outputs. A poll that fails (the store is down) claims nothing more;
     * {@link Pollers} counts it and the next tick tries again.
     */
    private void poll() {
        pollQueued.set(false);
        List<Output> due = outputs.due(clock.instant(), BATCH);
        for (Output output : due) {
            if (!running) {
                return;
            }
            Instant now = clock.instant();
            if (outputs.claim(output.reference(), now, now.plus(properties.lease()))) {
                send(output);
            }
        }
        if (due.size() == BATCH) {
            wake();
        }
    }

    private void send(Output output) {
        byte[] mime;
        try {
            mime = protect(output);
        } catch (PermanentFailure failure) {
            fail(output, failure.reasonCode);
            return;
        }
        try {
            jms.send(BrokerAddresses.CASEWORK, session -> {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(mime);
                message.setStringProperty(REFERENCE, output.reference());
                message.setStringProperty(DOCUMENT_TYPE, output.documentType());
                message.setStringProperty(CLASSIFICATION, Classification.OFFICIAL_SENSITIVE.marking());
                message.setStringProperty(KIND, output.kind());
                return message;
            });
        } catch (JmsException e) {
            long seconds = Math.min(properties.maxBackoff().toSeconds(), 1L << Math.min(output.attempts() + 1, 20));
            outputs.retryLater(output.reference(), "BROKER_UNAVAILABLE", clock.instant().plus(Duration.ofSeconds(seconds)));
            log.warn("Casework output {} not sent ({}): retry in {} s", output.reference(), e.getClass().getSimpleName(),
                    seconds);
            return;
        }
        transaction.executeWithoutResult(status -> {
            outputs.sent(output.reference(), clock.instant());
            decisions.append(Decision.of(DecisionKind.DELIVERED)
                    .policyVersion(InformationResponseIntake.EXCHANGE_RULES_VERSION)
                    .recipient(output.caseSystem())
                    .gatewayReference(output.reference())
                    .documentType(output.documentType())
                    .build());
        });
    }

    private byte[] protect(Output output) {
        CaseworkBody body = bodies.get(output.reference()).map(CaseworkBody::unpack)
                .orElseThrow(() -> new PermanentFailure("BODY_NOT_AVAILABLE"));
        CaseSystem caseSystem = directory.caseSystem(output.caseSystem())
                .orElseThrow(() -> new PermanentFailure("RECIPIENT_NOT_IN_DIRECTORY"));
        try {
            return protection.protect(new Outgoing(body.text(), body.document(), output.reference() + ".xml",
                    caseSystem.certificates(), true, label)).mimeBytes();
        } catch (NoUsableCertificateException e) {
            throw new PermanentFailure(NoUsableCertificateException.REASON_CODE);
        }
    }

    private void fail(Output output, String reasonCode) {
        transaction.executeWithoutResult(status -> {
            outputs.failed(output.reference(), reasonCode);
            decisions.append(Decision.of(DecisionKind.FAILED)
                    .policyVersion(InformationResponseIntake.EXCHANGE_RULES_VERSION)
                    .reasonCode(reasonCode)
                    .recipient(output.caseSystem())
                    .gatewayReference(output.reference())
                    .documentType(output.documentType())
                    .build());
            alerts.raiseWithin(AlertKind.DELIVERY, reasonCode, "casework output " + output.reference()
                    + " to case system " + output.caseSystem() + " cannot be sent");
        });
        log.warn("Casework output {} FAILED: {}", output.reference(), reasonCode);
    }

    /** An output that no retry can send. */
    private static final class PermanentFailure extends RuntimeException {
        private final String reasonCode;

        PermanentFailure(String reasonCode) {
            super(reasonCode, null, false, false);
            this.reasonCode = reasonCode;
        }
    }
}
