package org.mashgateway.console;

import java.util.Optional;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.delivery.DeliveryAdministration;
import org.mashgateway.directory.ConfiguredDirectory;
import org.mashgateway.directory.DirectoryReload;
import org.mashgateway.policy.PolicyReload;
import org.mashgateway.policy.SharingPolicy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The actions the console offers, each allowed to the role that may take it and each recorded in
 * {@code admin_action} with who took it, in the transaction that makes the change. Who acted is
 * read from the security context, never from the request.
 */
@Service
class ConsoleActions {

    private final DeliveryAdministration deliveries;
    private final DeliveryViews views;
    private final CamelRoutes routes;
    private final BrokerQueues queues;
    private final AlertViews alerts;
    private final ConfiguredDirectory directory;
    private final SharingPolicy policy;
    private final DecisionLog decisions;
    private final AdminActions actions;
    private final TransactionTemplate transaction;

    ConsoleActions(DeliveryAdministration deliveries, DeliveryViews views, CamelRoutes routes, BrokerQueues queues, AlertViews alerts,
            ConfiguredDirectory directory, SharingPolicy policy, DecisionLog decisions, AdminActions actions,
            PlatformTransactionManager transactions) {
        this.deliveries = deliveries;
        this.views = views;
        this.routes = routes;
        this.queues = queues;
        this.alerts = alerts;
        this.directory = directory;
        this.policy = policy;
        this.decisions = decisions;
        this.actions = actions;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Puts a FAILED delivery back in the outbox (by its row id: NOT_SHARED rows have no reference). */
    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome retry(long deliveryId) {
        String actor = actor();
        Optional<String> outputReference = outputReferenceOf(deliveryId);
        if (outputReference.isEmpty()) {
            return ActionOutcome.refused("Delivery " + deliveryId + " has nothing to send");
        }
        String reference = outputReference.get();
        return transaction.execute(status -> deliveries.retry(reference, actor)
                .map(before -> {
                    actions.record(actor, ConsoleAction.RETRY_DELIVERY, reference, before.reasonCode());
                    return ActionOutcome.done("Delivery " + reference + " is back in the outbox");
                })
                .orElse(ActionOutcome.refused("Only a FAILED delivery can be retried")));
    }

    /** Stops a PENDING delivery being retried: FAILED, PARKED_BY_ADMIN. */
    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome park(long deliveryId) {
        String actor = actor();
        Optional<String> outputReference = outputReferenceOf(deliveryId);
        if (outputReference.isEmpty()) {
            return ActionOutcome.refused("Delivery " + deliveryId + " has nothing to send");
        }
        String reference = outputReference.get();
        return transaction.execute(status -> {
            // The admin_action line first: the decision record appended by park() must stay last.
            actions.record(actor, ConsoleAction.PARK_DELIVERY, reference, DeliveryAdministration.PARKED_BY_ADMIN);
            if (deliveries.park(reference, actor).isEmpty()) {
                status.setRollbackOnly();
                return ActionOutcome.refused("Only a PENDING delivery that is not being sent right now can be parked");
            }
            return ActionOutcome.done("Delivery " + reference + " is parked: FAILED, "
                    + DeliveryAdministration.PARKED_BY_ADMIN);
        });
    }

    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome pause(String routeId) throws Exception {
        if (!routes.pause(routeId, actor())) {
            return ActionOutcome.refused("Only a running route can be paused");
        }
        record(ConsoleAction.PAUSE_ROUTE, routeId, null);
        return ActionOutcome.done("Route " + routeId + " is paused on every node; its messages wait on their queue");
    }

    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome resume(String routeId) throws Exception {
        if (!routes.resume(routeId)) {
            return ActionOutcome.refused("Only a paused route can be resumed");
        }
        record(ConsoleAction.RESUME_ROUTE, routeId, null);
        return ActionOutcome.done("Route " + routeId + " runs again on every node");
    }

    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome reloadDirectory() {
        DirectoryReload reload = directory.reload();
        record(ConsoleAction.RELOAD_DIRECTORY, "directory", reload.ok() ? null : "DIRECTORY_LOAD_FAILED");
        return new ActionOutcome(reload.ok(), reload.message());
    }

    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome reloadPolicy() {
        PolicyReload reload = policy.reload();
        record(ConsoleAction.RELOAD_POLICY, "policy " + reload.version(), reload.ok() ? null : "POLICY_LOAD_FAILED");
        return new ActionOutcome(reload.ok(), reload.message());
    }

    /** Sends a quarantined message back to its inbound queue; recorded as a QUARANTINED decision RELEASED_&lt;reason&gt;. */
    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome release(long messageId, QuarantineReason reason) {
        if (!reason.forRelease()) {
            return ActionOutcome.refused(reason + " is a reason to discard, not to release");
        }
        String actor = actor();
        return transaction.execute(status -> queues.quarantined(messageId)
                .map(message -> {
                    if (!message.releasable()) {
                        return ActionOutcome.refused("Message " + messageId + " was refused by the intake ("
                                + message.reasonCode() + "): it would be refused again; the sender must resend");
                    }
                    if (!moved(() -> queues.release(message))) {
                        return ActionOutcome.refused("Message " + messageId + " could not be released");
                    }
                    recordQuarantineDecision(actor, ConsoleAction.RELEASE_QUARANTINED, message, "RELEASED_" + reason);
                    return ActionOutcome.done("Message " + messageId + " is back on " + message.originalAddress());
                })
                .orElse(ActionOutcome.refused("Message " + messageId + " is not in the quarantine")));
    }

    /** Deletes a quarantined message; recorded as a QUARANTINED decision DISCARDED_&lt;reason&gt;. */
    @PreAuthorize("hasRole('ADMIN')")
    ActionOutcome discard(long messageId, QuarantineReason reason) {
        if (reason.forRelease()) {
            return ActionOutcome.refused(reason + " is a reason to release, not to discard");
        }
        String actor = actor();
        return transaction.execute(status -> queues.quarantined(messageId)
                .map(message -> {
                    if (!moved(() -> queues.discard(message))) {
                        return ActionOutcome.refused("Message " + messageId + " could not be discarded");
                    }
                    recordQuarantineDecision(actor, ConsoleAction.DISCARD_QUARANTINED, message, "DISCARDED_" + reason);
                    return ActionOutcome.done("Message " + messageId + " is discarded");
                })
                .orElse(ActionOutcome.refused("Message " + messageId + " is not in the quarantine")));
    }

    /** Any console user may say they have seen an alert; who did is recorded with it. */
    @PreAuthorize("hasRole('OPERATOR')")
    ActionOutcome acknowledgeAlert(long alertId) {
        String actor = actor();
        return transaction.execute(status -> {
            if (!alerts.acknowledge(alertId, actor)) {
                return ActionOutcome.refused("Alert " + alertId + " is not open");
            }
            actions.record(actor, ConsoleAction.ACKNOWLEDGE_ALERT, "alert " + alertId, null);
            return ActionOutcome.done("Alert " + alertId + " acknowledged");
        });
    }

    private Optional<String> outputReferenceOf(long deliveryId) {
        return views.one(deliveryId).map(DeliveryViews.Row::outputReference);
    }

    private void record(ConsoleAction action, String target, String reasonCode) {
        String actor = actor();
        transaction.executeWithoutResult(status -> actions.record(actor, action, target, reasonCode));
    }

    private void recordQuarantineDecision(String actor, ConsoleAction action, BrokerQueues.Quarantined message,
            String reasonCode) {
        actions.record(actor, action, "message " + message.messageId(), reasonCode);
        // Last, as DecisionLog asks: it locks the chain head until the transaction commits.
        decisions.append(Decision.of(DecisionKind.QUARANTINED)
                .reasonCode(reasonCode)
                .documentType(message.documentType())
                .build());
    }

    private static boolean moved(BrokerOperation operation) {
        try {
            return operation.run();
        } catch (Exception e) {
            throw new IllegalStateException("The broker refused the operation (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication.getName();
    }

    /** One operation on the embedded broker's quarantine. */
    @FunctionalInterface
    private interface BrokerOperation {
        boolean run() throws Exception;
    }
}
