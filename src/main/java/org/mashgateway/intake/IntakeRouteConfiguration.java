package org.mashgateway.intake;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by the intake routes: {@code https-intake} (none: the caller answers) and
 * {@code queue-intake}.
 *
 * <p>A store outage is not the message's fault: retried in place with back-off until the store is
 * back, so nothing is quarantined for it. Any other failure is left to the broker, the single retry
 * authority for JMS input: the transaction rolls back, Artemis redelivers with back-off and, after
 * its max-delivery-attempts, moves the message to {@code mash.quarantine}. Exchanges are never
 * logged with their body or history, since the body is a police document.
 */
@Component
class IntakeRouteConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        // HTTPS: the sender waits on the line, so nothing is retried in Camel; whatever the intake
        // throws (the store down: 503 with Retry-After) goes back to the controller as it was thrown.
        routeConfiguration("https-intake").errorHandler(noErrorHandler());
        routeConfiguration("queue-intake")
                .errorHandler(defaultErrorHandler()
                        .logExhaustedMessageBody(false)
                        .logExhaustedMessageHistory(false)
                        .logStackTrace(false)
                        .logRetryAttempted(false))
                .onException(StoreUnavailableException.class)
                .maximumRedeliveries(-1)
                .redeliveryDelay(1_000)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(30_000)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
    }
}
