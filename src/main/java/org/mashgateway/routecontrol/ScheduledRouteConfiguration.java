package org.mashgateway.routecontrol;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of the gateway's {@code scheduler:} routes ({@code routeConfigurationId:
 * scheduled}): a run that fails is not retried in place, since the next run comes soon; the failure
 * is logged (without stack trace or message history) and counted as a failed exchange of the route,
 * which the console shows, and the scheduler runs the route again at its next tick.
 */
@Component
class ScheduledRouteConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("scheduled")
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(0)
                        .logExhaustedMessageBody(false)
                        .logExhaustedMessageHistory(false)
                        .logStackTrace(false));
    }
}
