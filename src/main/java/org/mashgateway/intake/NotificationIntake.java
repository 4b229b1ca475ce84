package org.mashgateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.classification.Classification;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.intake.ReceivedNotifications.ReceivedNotification;
import org.mashgateway.intake.ReceivedNotifications.Version;
import org.mashgateway.policy.EarlierShare;
import org.mashgateway.policy.FirstPlan;
import org.mashgateway.policy.ReplacementPlan;
import org.mashgateway.policy.SharingPolicy;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.store.MessageStore;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.ParsedDocument;
import org.mashgateway.xml.XmlDocuments;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in a police DomesticAbuseNotification or NotificationWithdrawal, from any channel, and
 * decides: refused (with the rule broken), accepted before (identical resend), or accepted now.
 *
 * <p>"Accepted" means durably persisted: the notification row, its encrypted body, the ACCEPTED
 * decision record and the sharing plan's deliveries (PENDING, in the outbox, with their SHARED and
 * NOT_SHARED decisions) commit in one transaction before the caller hears 202 (or the broker hears
 * the JMS commit). A correction or withdrawal is planned, in that same transaction, for the
 * recipients of the latest version of the notification it names (docs/corrections.md), with a
 * CORRECTED or WITHDRAWN record naming that version's reference. Every refusal is recorded as a
 * decision too; forged senders and markings above OFFICIAL-SENSITIVE also raise a security alert.
 */
@Service
public class NotificationIntake {

    /** Version of the intake rules named in the decisions this class records. */
    static final String INTAKE_RULES_VERSION = "intake-1";

    private final XmlDocuments xml;
    private final ReceivedNotifications received;
    private final MessageStore bodies;
    private final DecisionLog decisions;
    private final SubjectKeys subjectKeys;
    private final GatewayReferences references;
    private final SharingPolicy sharing;
    private final FirstPlan firstPlan;
    private final ReplacementPlan replacementPlan;
    private final Deliveries deliveries;
    private final Alerts alerts;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;
    private final Clock clock;

    NotificationIntake(XmlDocuments xml, ReceivedNotifications received, MessageStore bodies, DecisionLog decisions,
            SubjectKeys subjectKeys, GatewayReferences references, SharingPolicy sharing, FirstPlan firstPlan,
            ReplacementPlan replacementPlan, Deliveries deliveries, Alerts alerts, MeterRegistry meters,
            PlatformTransactionManager transactions, Clock clock) {
        this.xml = xml;
        this.received = received;
        this.bodies = bodies;
        this.decisions = decisions;
        this.subjectKeys = subjectKeys;
        this.references = references;
        this.sharing = sharing;
        this.firstPlan = firstPlan;
        this.replacementPlan = replacementPlan;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Decides on one document from an authenticated caller.
     *
     * @throws StoreUnavailableException when the outcome cannot be made durable now (503 / redelivery)
     */
    public IntakeOutcome receive(Caller caller, byte[] body, IngressChannel via) {
        IntakeOutcome outcome;
        try {
            outcome = decide(caller, body, via);
        } catch (DataAccessException | TransactionException e) {
            RuntimeException failure = StoreUnavailableException.from(e);
            if (failure instanceof StoreUnavailableException) {
                meters.counter("mash.intake", "type", "UNKNOWN", "outcome", "STORE_UNAVAILABLE", "channel", via.name())
                        .increment();
            }
            throw failure;
        }
        return outcome;
    }

    private IntakeOutcome decide(Caller caller, byte[] body, IngressChannel via) {
        String documentHash = sha256(body);
        ParsedDocument document;
        try {
            document = xml.read(body);
        } catch (DocumentRejectedException e) {
            return refuseUnreadable(caller, via, documentHash, e);
        }
        DocumentType type = document.type();
        if (type != DocumentType.DA_NOTIFICATION && type != DocumentType.NOTIFICATION_WITHDRAWAL) {
            return refuse(caller, via, type, documentHash, Refused.of(HttpStatus.BAD_REQUEST, "WRONG_DOCUMENT_TYPE",
                    "This ingress takes DomesticAbuseNotification or NotificationWithdrawal (namespace "
                            + DocumentType.DA_NOTIFICATION.namespace() + "), not " + type.rootName() + "."));
        }
        NotificationFacts facts = NotificationFacts.of(type, document.document());
        Optional<Refused> senderRefusal = senderRefusal(caller, facts);
        if (senderRefusal.isPresent()) {
            alerts.raise(AlertKind.SECURITY, senderRefusal.get().reasonCode(),
                    "force " + caller.code() + " sent a document claiming another sender, via " + via);
            return refuse(caller, via, type, documentHash, senderRefusal.get());
        }
        Classification classification = Classification.fromMarking(facts.classification()).orElseThrow();
        String canonicalHash = sha256(document.canonicalForm());
        IntakeOutcome outcome = persist(caller, body, via, document, facts, classification, canonicalHash, documentHash);
        if (outcome instanceof Refused refused) {
            return refuse(caller, via, type, documentHash, refused);
        }
        Accepted accepted = (Accepted) outcome;
        meters.counter("mash.intake", "type", type.name(), "outcome", accepted.statusWord(), "channel", via.name())
                .increment();
        return accepted;
    }

    /** One transaction: idempotency check, notification row, encrypted body, ACCEPTED decision, the plan. */
    private IntakeOutcome persist(Caller caller, byte[] body, IngressChannel via, ParsedDocument document,
            NotificationFacts facts, Classification classification, String canonicalHash, String documentHash) {
        DocumentType type = document.type();
        try {
            return transaction.execute(status -> {
                Optional<ReceivedNotification> earlier = received.find(facts.notificationId());
                if (earlier.isPresent()) {
                    return answerResend(earlier.get(), canonicalHash);
                }
                Optional<Refused> replaceRefusal = replacesRefusal(caller, type, facts);
                if (replaceRefusal.isPresent()) {
                    return replaceRefusal.get();
                }
                Replaced replaced = null;
                if (facts.replaces().isPresent()) {
                    List<Version> chain = received.lockedChainOf(facts.replaces().get());
                    Optional<Refused> withdrawn = withdrawnRefusal(type, chain);
                    if (withdrawn.isPresent()) {
                        return withdrawn.get();
                    }
                    Optional<Replaced> latest = latestVersion(chain);
                    if (latest.isEmpty()) {
                        return contentDestroyed(type);
                    }
                    replaced = latest.get();
                }
                String reference = references.next();
                received.insert(new ReceivedNotification(facts.notificationId(), caller.code(), reference, type.name(),
                        canonicalHash), facts.classification(), facts.replaces().orElse(null), via, clock.instant(),
                        replaced == null ? facts.notificationId() : replaced.root(),
                        replaced == null ? 0 : replaced.position());
                bodies.put(reference, body);
                decisions.append(Decision.of(DecisionKind.ACCEPTED)
                        .policyVersion(INTAKE_RULES_VERSION)
                        .reasonCode(classification == Classification.OFFICIAL ? "CLASSIFICATION_RAISED_TO_OFFICIAL_SENSITIVE" : null)
                        .sender(caller.code())
                        .gatewayReference(reference)
                        .documentType(type.rootName())
                        .documentHash(documentHash)
                        .subjectKeys(subjectKeysOf(facts))
                        .build());
                if (replaced == null) {
                    deliveries.schedule(reference, caller.code(), firstPlan.planFor(document, caller.code()));
                } else {
                    scheduleReplacement(caller, document, documentHash, reference, replaced);
                }
                return new Accepted(reference, facts.notificationId(), false);
            });
        } catch (DuplicateKeyException race) {
            // The same NotificationId was accepted by a concurrent request (or the other node) meanwhile.
            return transaction.execute(status -> answerResend(received.find(facts.notificationId()).orElseThrow(),
                    canonicalHash));
        }
    }

    /**
     * A chain already withdrawn takes no more: a second withdrawal is refused (the force's view is
     * out of date; nothing is sent), and so is a correction (a new notification is needed).
     */
    private static Optional<Refused> withdrawnRefusal(DocumentType type, List<Version> chain) {
        boolean withdrawn = chain.stream()
                .anyMatch(v -> v.documentType().equals(DocumentType.NOTIFICATION_WITHDRAWAL.name()));
        if (!withdrawn) {
            return Optional.empty();
        }
        return Optional.of(type == DocumentType.NOTIFICATION_WITHDRAWAL
                ? Refused.of(HttpStatus.CONFLICT, "ALREADY_WITHDRAWN",
                        "Withdraws: the notification has already been withdrawn; nothing more is sent.")
                : Refused.of(HttpStatus.CONFLICT, "NOTIFICATION_WITHDRAWN",
                        "Supersedes: the notification has been withdrawn and can no longer be corrected; "
                                + "send a new notification."));
    }

    /**
     * The version a correction or withdrawal replaces: whatever earlier notification of the chain
     * it names, the latest version (the first notification or its latest correction), because that
     * is what the recipients now hold. Empty when that version's content has been destroyed by
     * retention and its children can no longer be compared.
     */
    private Optional<Replaced> latestVersion(List<Version> chain) {
        Version latest = chain.get(chain.size() - 1);
        Optional<byte[]> body = bodies.get(latest.reference());
        if (body.isEmpty()) {
            return Optional.empty();
        }
        ParsedDocument previous;
        try {
            previous = xml.read(body.get());
        } catch (DocumentRejectedException e) {
            throw new IllegalStateException("the stored notification " + latest.reference()
                    + " no longer reads as valid (" + e.reason() + ")", e);
        }
        return Optional.of(new Replaced(chain.get(0).notificationId(), latest.position() + 1, latest.reference(),
                previous));
    }

    private static Refused contentDestroyed(DocumentType type) {
        String element = type == DocumentType.NOTIFICATION_WITHDRAWAL ? "Withdraws" : "Supersedes";
        return Refused.of(HttpStatus.CONFLICT, "ORIGINAL_NO_LONGER_HELD", element
                + ": the content of the notification has been destroyed under the retention policy; "
                + "the gateway can no longer correct or withdraw it.");
    }

    /** Plans a correction or withdrawal for the holders of the version it replaces, in the caller's transaction. */
    private void scheduleReplacement(Caller caller, ParsedDocument document, String documentHash, String reference,
            Replaced replaced) {
        boolean withdrawal = document.type() == DocumentType.NOTIFICATION_WITHDRAWAL;
        decisions.append(Decision.of(withdrawal ? DecisionKind.WITHDRAWN : DecisionKind.CORRECTED)
                .policyVersion(sharing.version())
                .sender(caller.code())
                .gatewayReference(replaced.reference())
                .documentType(document.type().rootName())
                .documentHash(documentHash)
                .build());
        List<EarlierShare> held = deliveries.heldOf(replaced.reference());
        deliveries.schedule(reference, caller.code(), withdrawal
                ? replacementPlan.planWithdrawal(document, caller.code(), replaced.previous(), held)
                : replacementPlan.planCorrection(document, caller.code(), replaced.previous(), held));
    }

    /**
     * The version a correction or withdrawal replaces, and where the new document goes in the chain.
     *
     * @param root the NotificationId of the chain's first notification
     * @param position the new document's place in the chain
     * @param reference the gateway reference of the version replaced
     * @param previous that version, as accepted
     */
    private record Replaced(String root, int position, String reference, ParsedDocument previous) {}

    private static IntakeOutcome answerResend(ReceivedNotification earlier, String canonicalHash) {
        if (earlier.canonicalHash().equals(canonicalHash)) {
            return new Accepted(earlier.reference(), earlier.notificationId(), true);
        }
        return Refused.of(HttpStatus.CONFLICT, "ID_ALREADY_USED_WITH_OTHER_CONTENT",
                "NotificationId: already accepted with different content; send a correction with a new "
                        + "NotificationId and Supersedes naming the original.");
    }

    /** A force may only send its own notifications: SendingForce code and NotificationId prefix. */
    private static Optional<Refused> senderRefusal(Caller caller, NotificationFacts facts) {
        if (caller.kind() != CallerKind.FORCE) {
            return Optional.of(Refused.of(HttpStatus.FORBIDDEN, "SENDER_NOT_A_FORCE",
                    "Only a police force may send notifications."));
        }
        if (!facts.sendingForceCode().equals(caller.code())) {
            return Optional.of(Refused.of(HttpStatus.FORBIDDEN, "SENDING_FORCE_MISMATCH",
                    "SendingForce/@code: does not name the force the credentials belong to."));
        }
        if (!facts.idPrefix().equals(caller.code())) {
            return Optional.of(Refused.of(HttpStatus.FORBIDDEN, "NOTIFICATION_ID_PREFIX_MISMATCH",
                    "NotificationId: the part before the first hyphen must be the sending force's code."));
        }
        return Optional.empty();
    }

    /** Supersedes and Withdraws must name a notification of the same force that the gateway holds. */
    private Optional<Refused> replacesRefusal(Caller caller, DocumentType type, NotificationFacts facts) {
        if (facts.replaces().isEmpty()) {
            return Optional.empty();
        }
        String element = type == DocumentType.NOTIFICATION_WITHDRAWAL ? "Withdraws" : "Supersedes";
        Optional<ReceivedNotification> original = received.find(facts.replaces().get())
                .filter(n -> n.forceCode().equals(caller.code()));
        if (original.isEmpty() || facts.replaces().get().equals(facts.notificationId())) {
            return Optional.of(Refused.of(HttpStatus.BAD_REQUEST, "UNKNOWN_ORIGINAL_NOTIFICATION",
                    element + ": names no earlier notification of this force that the gateway holds."));
        }
        if (!original.get().documentType().equals(DocumentType.DA_NOTIFICATION.name())) {
            return Optional.of(Refused.of(HttpStatus.BAD_REQUEST, "ORIGINAL_IS_A_WITHDRAWAL",
                    element + ": names a withdrawal; only a notification can be corrected or withdrawn."));
        }
        return Optional.empty();
    }

    private IntakeOutcome refuseUnreadable(Caller caller, IngressChannel via, String documentHash,
            DocumentRejectedException e) {
        if (DocumentRefusals.isSecurityEvent(e.reason())) {
            alerts.raise(AlertKind.SECURITY, e.reason().name(),
                    "refused document from " + caller.kind() + " " + caller.code() + " via " + via);
        }
        return refuse(caller, via, e.documentType().orElse(null), documentHash,
                DocumentRefusals.of(e, xml.maxBytes()));
    }

    private Refused refuse(Caller caller, IngressChannel via, DocumentType type, String documentHash, Refused refused) {
        meters.counter("mash.intake", "type", type == null ? "UNKNOWN" : type.name(), "outcome", refused.reasonCode(),
                "channel", via.name()).increment();
        decisions.append(Decision.of(via == IngressChannel.QUEUE ? DecisionKind.QUARANTINED : DecisionKind.REJECTED)
                .policyVersion(INTAKE_RULES_VERSION)
                .reasonCode(refused.reasonCode())
                .sender(caller.code())
                .documentType(type == null ? null : type.rootName())
                .documentHash(documentHash)
                .build());
        return refused;
    }

    /** Keys for everyone with a date of birth: a subject key is name plus date of birth, so without one there is none. */
    private List<String> subjectKeysOf(NotificationFacts facts) {
        return facts.subjects().stream()
                .filter(s -> s.dateOfBirth() != null)
                .map(s -> subjectKeys.keyFor(s.givenNames(), s.familyName(), s.dateOfBirth()))
                .distinct()
                .toList();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
