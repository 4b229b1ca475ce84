package org.mashgateway.scheduling;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the gateway's {@code scheduler:} routes (template {@code scheduled-work},
 * {@code routes/scheduled-work.camel.yaml}) report of each run, under the route's id: a failed run
 * counted in {@code mash_poller_failures_total{poller}} (as {@link Poller} counts its own) and logged
 * with the exception's class only, never its message; the first failure of a streak and a failure of
 * another class at WARN, repeats at DEBUG, the first run that works again at INFO; a run that did
 * its work and finished counted in {@code mash_poller_runs_total{poller}}, which is how an operator
 * sees which node runs the work held on one node at a time.
 */
@Component("scheduledRuns")
public class ScheduledRuns extends EventNotifierSupport implements ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

    private final MeterRegistry meters;
    /** The class the last run of each failing route failed with. */
    private final Map<String, Class<?>> failingWith = new ConcurrentHashMap<>();

    ScheduledRuns(MeterRegistry meters) {
        this.meters = meters;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStartedEvent;
    }

    /** A scheduled route's failure counter is there, at 0, from its start: a dashboard needs no first failure to show it. */
    @Override
    public void notify(CamelEvent event) {
        Route route = ((CamelEvent.RouteStartedEvent) event).getRoute();
        if (route.getEndpoint().getEndpointUri().startsWith("scheduler:")) {
            meters.counter(Pollers.FAILURES, Pollers.POLLER_TAG, route.getRouteId());
            meters.counter(Pollers.RUNS, Pollers.POLLER_TAG, route.getRouteId());
        }
    }

    /** A run of the exchange's route failed; called by the {@code scheduled} error handler. */
    public void failed(Exchange exchange) {
        try {
            String route = exchange.getFromRouteId();
            Throwable failure = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            Class<?> failureClass = failure == null ? Exception.class : rootOf(failure).getClass();
            meters.counter(Pollers.FAILURES, Pollers.POLLER_TAG, route).increment();
            if (failingWith.put(route, failureClass) != failureClass) {
                log.warn("Scheduled route {} run failed ({}); it runs again at its next interval", route,
                        failureClass.getSimpleName());
            } else {
                log.debug("Scheduled route {} run failed again ({})", route, failureClass.getSimpleName());
            }
        } catch (RuntimeException | Error whileHandling) {
            // Counting must never be what fails the schedule (the heap may still be exhausted).
        }
    }

    /** A run of the exchange's route worked; the last step of every scheduled route. */
    public void succeeded(Exchange exchange) {
        String route = exchange.getFromRouteId();
        meters.counter(Pollers.RUNS, Pollers.POLLER_TAG, route).increment();
        if (failingWith.remove(route) != null) {
            log.info("Scheduled route {} works again", route);
        }
    }

    /**
     * The scheduler consumer's handler of a failed exchange: nothing more to do, the run was
     * counted and logged by {@link #failed}, and Camel's own handler would log the exception's
     * message, which may quote a document or an address.
     */
    @Override
    public void handleException(Throwable exception) {
        // reported by failed()
    }

    @Override
    public void handleException(String message, Throwable exception) {
        // reported by failed()
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        // reported by failed()
    }

    /** Camel wraps what a bean throws; the class that says what went wrong is the innermost one. */
    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root
                && root.getClass().getName().startsWith("org.apache.camel.")) {
            root = root.getCause();
        }
        return root;
    }
}
