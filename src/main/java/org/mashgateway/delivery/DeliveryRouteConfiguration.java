package org.mashgateway.delivery;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of the delivery route ({@code routeConfigurationId: outbox}): none in Camel. The
 * outbox is the only retry authority for deliveries (its back-off, its lease), and a failed attempt
 * has been settled, logged and, when final, alerted before the exchange fails, so Camel neither
 * redelivers nor logs it again.
 */
@Component
class DeliveryRouteConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("outbox").errorHandler(noErrorHandler());
    }
}
