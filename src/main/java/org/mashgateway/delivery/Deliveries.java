package org.mashgateway.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Channel;
import org.mashgateway.directory.Directory;
import org.mashgateway.policy.EarlierShare;
import org.mashgateway.policy.NotShared;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.policy.SharingPlan;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.scheduling.AfterCommit;
import org.mashgateway.store.MessageStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Puts what the sharing policy decided for an accepted document into the delivery outbox: one
 * PENDING delivery per share (its document and text encrypted in the message store) and one
 * NOT_SHARED row per recipient deliberately sent nothing, with the SHARED and NOT_SHARED decision
 * records, and for each CORRECTION or WITHDRAWAL a CORRECTED or WITHDRAWN record naming the output
 * it replaces. Everything joins the caller's transaction, so the plan commits with the acceptance or
 * not at all; the worker is woken when it commits.
 */
@Service
public class Deliveries {

    /** The only subject titles interfaces.md allows: the subject is never a place for case details. */
    static final Set<String> TITLES = Set.of("Domestic abuse notification", "SDAT school notification",
            "Information request", "Correction", "Withdrawal");

    /** Without the acknowledgement package (slice tests), texts go as the policy made them. */
    static final AcknowledgementLinks WITHOUT_LINKS = new AcknowledgementLinks() {
        @Override
        public boolean awaitsAcknowledgement(RecipientShare share) {
            return false;
        }

        @Override
        public String textToStore(RecipientShare share) {
            return share.text();
        }

        @Override
        public String textToSend(DeliveryState delivery, String storedText) {
            return storedText;
        }

        @Override
        public void reissue(String outputReference) {}
    };

    private final DeliveryRecords records;
    private final MessageStore bodies;
    private final DecisionLog decisions;
    private final Directory directory;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final ObjectProvider<AcknowledgementLinks> acknowledgementLinks;

    Deliveries(DeliveryRecords records, MessageStore bodies, DecisionLog decisions, Directory directory,
            DeliveryWorker worker, Clock clock, ObjectProvider<AcknowledgementLinks> acknowledgementLinks) {
        this.records = records;
        this.bodies = bodies;
        this.decisions = decisions;
        this.directory = directory;
        this.worker = worker;
        this.clock = clock;
        this.acknowledgementLinks = acknowledgementLinks;
    }

    /**
     * Schedules every share of {@code plan} and records every decision, in the caller's transaction.
     *
     * @param notificationReference the gateway reference of the accepted document the plan is for
     * @param sendingForce the code of the force that sent it
     * @throws IllegalArgumentException when a share's title or references break the contract
     */
    public void schedule(String notificationReference, String sendingForce, SharingPlan plan) {
        requireReference("notificationReference", notificationReference);
        Instant now = clock.instant();
        List<Decision> recorded = new ArrayList<>(plan.shares().size() + plan.notShared().size());
        for (RecipientShare share : plan.shares()) {
            requireReference("share reference", share.reference());
            if (!TITLES.contains(share.title())) {
                throw new IllegalArgumentException("share " + share.reference() + " has a title outside the contract's list");
            }
            if (share.replaces() != null) {
                requireReference("replaced reference", share.replaces());
            }
            AcknowledgementLinks links = acknowledgementLinks.getIfAvailable(() -> WITHOUT_LINKS);
            // What people must acknowledge is watched, until they do or it is escalated (EscalationWatch).
            boolean watched = links.awaitsAcknowledgement(share) && share.dueBy() != null;
            records.insertPending(notificationReference, sendingForce, share.recipientType(), share.recipient(),
                    share.reference(), share.kind(), share.documentType(), channelOf(share), share.dueBy(), now,
                    share.replaces(), share.childIndex(), share.riskLevel(), watched);
            // Acknowledgement link (issue 5): issued with the delivery; its token is made only when the mail is (issue 11).
            String text = links.textToStore(share);
            bodies.put(share.reference(), new DeliveryBody(share.title(), text, share.document()).pack());
            recorded.add(Decision.of(DecisionKind.SHARED)
                    .policyVersion(plan.policyVersion())
                    .lawfulBasis(share.lawfulBasis())
                    .sender(sendingForce)
                    .recipient(share.recipient())
                    .gatewayReference(share.reference())
                    .documentType(share.documentType())
                    .minimisationProfile(share.profile())
                    .fieldsShared(share.fieldsShared())
                    .fieldsDropped(share.fieldsDropped())
                    .documentHashOf(share.document())
                    .build());
            if (share.replaces() != null) {
                // what this recipient held is replaced: searchable by the reference the recipient received
                recorded.add(Decision.of("WITHDRAWAL".equals(share.kind()) ? DecisionKind.WITHDRAWN : DecisionKind.CORRECTED)
                        .policyVersion(plan.policyVersion())
                        .sender(sendingForce)
                        .recipient(share.recipient())
                        .gatewayReference(share.replaces())
                        .documentType(share.documentType())
                        .build());
            }
        }
        for (NotShared notShared : plan.notShared()) {
            records.insertNotShared(notificationReference, sendingForce, notShared.recipientType(),
                    notShared.recipient(), notShared.reasonCode(), now);
            recorded.add(Decision.of(DecisionKind.NOT_SHARED)
                    .policyVersion(plan.policyVersion())
                    .reasonCode(notShared.reasonCode())
                    .sender(sendingForce)
                    .recipient(notShared.recipient())
                    .gatewayReference(notificationReference)
                    .build());
        }
        // Last, as DecisionLog asks: the chain head stays locked until the caller commits.
        decisions.appendAll(recorded);
        if (!plan.shares().isEmpty()) {
            wakeWorkerAfterCommit();
        }
    }

    /**
     * The outputs of one accepted notification (or correction) that a later correction or
     * withdrawal must follow: its NOTIFICATION and CORRECTION outputs, a FAILED one marked so.
     */
    public List<EarlierShare> heldOf(String notificationReference) {
        return records.held(notificationReference);
    }

    /** Where one output stands, by its own reference. */
    public Optional<DeliveryState> byOutputReference(String outputReference) {
        return records.findByOutputReference(outputReference);
    }

    /** Every delivery and NOT_SHARED of one accepted document, in the order they were planned. */
    public List<DeliveryState> ofNotification(String notificationReference) {
        return records.ofNotification(notificationReference);
    }

    /** Schools always get mail; an agency gets what its directory entry says (mail when unknown: the worker fails it). */
    private Channel channelOf(RecipientShare share) {
        if (share.recipientType() == RecipientType.SCHOOL) {
            return Channel.EMAIL;
        }
        return directory.agency(share.recipient()).map(Agency::channel).orElse(Channel.EMAIL);
    }

    private void wakeWorkerAfterCommit() {
        AfterCommit.run(worker::wake);
    }

    private static void requireReference(String what, String reference) {
        if (!GatewayReferences.isWellFormed(reference)) {
            throw new IllegalArgumentException(what + " is not a well-formed gateway reference");
        }
    }
}
