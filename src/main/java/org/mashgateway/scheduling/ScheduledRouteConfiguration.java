package org.mashgateway.scheduling;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of the gateway's {@code scheduler:} routes ({@code routeConfigurationId:
 * scheduled}): a run that fails is not retried in place, since the next run comes soon. Camel logs
 * nothing of it (its log line would quote the exception's message, which may hold personal data);
 * {@link ScheduledRuns} counts it in {@code mash_poller_failures_total{poller}} and logs its class.
 * The exchange still fails, so the console shows the failure on the route, and the scheduler runs
 * the route again at its next tick, whatever was thrown ({@link Error}s included).
 */
@Component
class ScheduledRouteConfiguration extends RouteConfigurationBuilder {

    private final ScheduledRuns runs;

    ScheduledRouteConfiguration(ScheduledRuns runs) {
        this.runs = runs;
    }

    @Override
    public void configuration() {
        routeConfiguration("scheduled")
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(0)
                        .logExhausted(false)
                        .logRetryAttempted(false)
                        .logStackTrace(false)
                        .onExceptionOccurred(runs::failed));
    }
}
