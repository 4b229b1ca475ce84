package org.mashgateway.acknowledgement;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.mashgateway.acknowledgement.LinkRecords.Link;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.delivery.DeliveryMilestones.Acknowledged;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.delivery.DeliveryStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages a school's DSL or an agency worker opens from the link in their notification:
 * {@code GET /ack/<token>} shows the gateway reference and one button, {@code POST} (with the
 * CSRF token of the page) records ACKNOWLEDGED. The pages show nothing else of the notification;
 * a used, expired or unknown link gets a plain page saying only that. The link of a delivery that
 * FAILED is not valid: pressing it is refused ({@value DeliveryAcknowledgement#NOT_SENT}), recorded
 * and raised as a SECURITY alert, since the gateway never sent a mail that holds it.
 */
@Controller
class AcknowledgementPages {

    private final LinkRecords links;
    private final Deliveries deliveries;
    private final DeliveryAcknowledgement acknowledgement;
    private final FailedLinkLookups failures;
    private final DecisionLog decisions;
    private final Alerts alerts;
    private final TransactionTemplate transaction;
    private final AcknowledgementProperties properties;
    private final Clock clock;

    AcknowledgementPages(LinkRecords links, Deliveries deliveries, DeliveryAcknowledgement acknowledgement,
            FailedLinkLookups failures, DecisionLog decisions, Alerts alerts, PlatformTransactionManager transactions,
            AcknowledgementProperties properties, Clock clock) {
        this.links = links;
        this.deliveries = deliveries;
        this.acknowledgement = acknowledgement;
        this.failures = failures;
        this.decisions = decisions;
        this.alerts = alerts;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/ack/{token}")
    ModelAndView confirm(@PathVariable String token) {
        Optional<Link> link = find(token);
        Optional<DeliveryState> delivery = link.flatMap(found -> deliveries.byOutputReference(found.outputReference()));
        if (delivery.isEmpty()) {
            return unknown();
        }
        Optional<ModelAndView> spent = spent(link.get(), delivery.get());
        if (spent.isPresent()) {
            return spent.get();
        }
        if (delivery.get().status() == DeliveryStatus.FAILED) {
            return unknown();
        }
        ModelAndView page = new ModelAndView("ack/confirm");
        page.addObject("reference", link.get().outputReference());
        page.addObject("token", token);
        return page;
    }

    @PostMapping("/ack/{token}")
    ModelAndView acknowledge(@PathVariable String token) {
        Optional<Link> link = find(token);
        Optional<DeliveryState> found = link.flatMap(issued -> deliveries.byOutputReference(issued.outputReference()));
        if (found.isEmpty()) {
            return unknown();
        }
        Optional<ModelAndView> spent = spent(link.get(), found.get());
        if (spent.isPresent()) {
            return spent.get();
        }
        String tokenHash = LinkIssuer.hash(token);
        Acknowledged result = transaction.execute(status -> {
            if (!links.markUsed(tokenHash, clock.instant())) {
                return null;
            }
            // Read again inside the transaction: the worker or an admin may have changed it meanwhile.
            DeliveryState delivery = deliveries.byOutputReference(link.get().outputReference()).orElseThrow();
            Acknowledged acknowledged = acknowledgement.acknowledge(delivery, delivery.recipient(), DeliveryAcknowledgement.LINK);
            if (acknowledged == Acknowledged.NOT_SENT) {
                // The link stays unused: it works once the delivery has been retried and sent.
                status.setRollbackOnly();
            }
            return acknowledged;
        });
        if (result == null) {
            return page("ack/used", HttpStatus.GONE);
        }
        if (result == Acknowledged.NOT_SENT) {
            refuseNotSent(found.get());
            return unknown();
        }
        ModelAndView thanks = new ModelAndView("ack/thanks");
        thanks.addObject("reference", link.get().outputReference());
        return thanks;
    }

    /** Records and raises a press of the link of a delivery that was never sent. */
    private void refuseNotSent(DeliveryState delivery) {
        String outputReference = delivery.outputReference();
        transaction.executeWithoutResult(status -> {
            alerts.raiseWithin(AlertKind.SECURITY, DeliveryAcknowledgement.NOT_SENT, "acknowledgement link of delivery "
                    + outputReference + " to " + delivery.recipientType() + " " + delivery.recipient()
                    + " pressed, but it was not sent; refused");
            // Last, as DecisionLog asks: the chain head stays locked until the commit.
            decisions.append(Decision.of(DecisionKind.REJECTED)
                    .reasonCode(DeliveryAcknowledgement.NOT_SENT)
                    .sender(delivery.recipient())
                    .recipient(delivery.recipient())
                    .gatewayReference(outputReference)
                    .documentType(delivery.documentType())
                    .build());
        });
    }

    private Optional<Link> find(String token) {
        Optional<Link> link = LinkIssuer.wellFormed(token) ? links.find(LinkIssuer.hash(token)) : Optional.empty();
        if (link.isEmpty()) {
            failures.record();
        }
        return link;
    }

    /** The page for a link that was used or has run out, if it has. */
    private Optional<ModelAndView> spent(Link link, DeliveryState delivery) {
        if (link.usedAt() != null) {
            return Optional.of(page("ack/used", HttpStatus.GONE));
        }
        if (!clock.instant().isBefore(expiry(link, delivery))) {
            return Optional.of(page("ack/expired", HttpStatus.GONE));
        }
        return Optional.empty();
    }

    /**
     * When a link stops working: as issued, or the link validity after its mail was sent if that is
     * later (a delivery that went out days late, after a mail outage, still gets its full week).
     */
    private Instant expiry(Link link, DeliveryState delivery) {
        Instant sentAt = delivery.sentAt();
        return LinkIssuer.latest(link.expiresAt(),
                sentAt == null ? null : sentAt.plus(properties.acknowledgement().linkValidity()));
    }

    private static ModelAndView unknown() {
        return page("ack/unknown", HttpStatus.NOT_FOUND);
    }

    private static ModelAndView page(String view, HttpStatus status) {
        ModelAndView page = new ModelAndView(view);
        page.setStatus(status);
        return page;
    }
}
