package org.mashgateway.intake;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hands a POSTed document to its HTTPS intake route and returns the route's result. A route an admin
 * paused (on any node) has no consumer: the document is refused at once with {@link IntakePaused}
 * rather than waiting, and the sender is told to send it again later. What the intake throws (the
 * store down) reaches the controller as it was thrown.
 */
@Component
class HttpsIntakeRoutes {

    static final String NOTIFICATION = "notification-https-intake";
    static final String INFORMATION_REQUEST = "information-request-https-intake";
    static final String INFORMATION_RESPONSE = "information-response-https-intake";
    static final String ACKNOWLEDGEMENT = "acknowledgement-https-intake";

    /** Resolved at the first request: Camel is fully started by then. */
    private final ObjectProvider<ProducerTemplate> producer;

    HttpsIntakeRoutes(ObjectProvider<ProducerTemplate> producer) {
        this.producer = producer;
    }

    IntakeOutcome receive(String route, HttpsIntake.Posted posted) {
        try {
            // block=false: a paused route answers at once instead of holding the request open.
            return producer.getObject().requestBody("direct:" + route + "?block=false", posted, IntakeOutcome.class);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DirectConsumerNotAvailableException) {
                throw new IntakePaused(route);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The intake route of this document type is paused: nothing was read or accepted. */
    static final class IntakePaused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        IntakePaused(String route) {
            super("route " + route + " is paused", null, false, false);
        }
    }
}
