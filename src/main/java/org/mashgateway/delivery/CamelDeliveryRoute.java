package org.mashgateway.delivery;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.springframework.beans.factory.ObjectProvider;

/** {@link DeliveryRoute} on the gateway's Camel context: an exchange to {@code direct:delivery} per attempt. */
final class CamelDeliveryRoute implements DeliveryRoute {

    static final String ENDPOINT = "direct:delivery";
    /** Set by {@link DeliveryAttempts} when the attempt began: the route took the delivery. */
    static final String ATTEMPTED = "mashDeliveryAttempted";

    private final ObjectProvider<CamelContext> camel;
    private volatile ProducerTemplate producer;

    /**
     * Takes the context through a provider, not as a dependency: Spring starts a lifecycle bean's
     * dependencies with it, and the worker would then start Camel before its routes are added
     * (the context then runs none).
     */
    CamelDeliveryRoute(ObjectProvider<CamelContext> camel) {
        this.camel = camel;
    }

    private ProducerTemplate producer() {
        ProducerTemplate made = producer;
        if (made == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.getObject().createProducerTemplate();
                }
                made = producer;
            }
        }
        return made;
    }

    @Override
    public boolean running() {
        return camel.getObject().getRouteController().getRouteStatus(ID) == ServiceStatus.Started;
    }

    @Override
    public boolean attempt(long deliveryId) {
        // A failed attempt comes back as a failed exchange: it is already settled, nothing to do here.
        Exchange done = producer().send(ENDPOINT, exchange -> exchange.getIn().setBody(deliveryId));
        return Boolean.TRUE.equals(done.getProperty(ATTEMPTED, Boolean.class));
    }
}
