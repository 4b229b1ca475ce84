package org.mashgateway.delivery;

import org.apache.camel.Exchange;
import org.mashgateway.routecontrol.RouteFailure;

/**
 * The step of the delivery route: one attempt at the claimed delivery in the exchange's body, settled
 * by the worker (SENT, back in the outbox for later, or FAILED). An attempt that did not send fails
 * the exchange with its reason code, so the route counts it and the console shows why.
 */
public final class DeliveryAttempts {

    private final DeliveryWorker worker;

    DeliveryAttempts(DeliveryWorker worker) {
        this.worker = worker;
    }

    public void attempt(Exchange exchange) {
        long deliveryId = exchange.getIn().getBody(Long.class);
        exchange.setProperty(CamelDeliveryRoute.ATTEMPTED, true);
        String outcome = worker.attempt(deliveryId);
        if (!DeliveryWorker.SENT.equals(outcome)) {
            throw new RouteFailure(outcome);
        }
    }
}
