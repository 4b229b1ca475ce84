package org.mashgateway.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.mashgateway.routecontrol.RouteFailure;
import org.springframework.stereotype.Component;

/**
 * Counts, per Camel route, the exchanges that completed and failed since start and in the last
 * five minutes, and what the last failure was, for the dashboard. Camel hands every event notifier bean the exchange events; this
 * needs no JMX and no extra module.
 */
@Component
class RouteTraffic extends EventNotifierSupport {

    /** The window "recent" throughput is measured over, in one-minute buckets. */
    static final int WINDOW_MINUTES = 5;

    private final Clock clock;
    private final Map<String, Counts> byRoute = new ConcurrentHashMap<>();

    RouteTraffic(Clock clock) {
        this.clock = clock;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /**
     * What one route has done: totals since start, the last five minutes, when it last finished an
     * exchange, and its last failure: the reason code of a {@link RouteFailure}, else the exception's
     * class name, never its message, which could quote a document (null when none).
     */
    record Traffic(long completed, long failed, long recentCompleted, long recentFailed, Instant lastExchangeAt,
            String lastFailure, Instant lastFailureAt) {

        static final Traffic NONE = new Traffic(0, 0, 0, 0, null, null, null);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeEvent exchangeEvent)) {
            return;
        }
        Exchange exchange = exchangeEvent.getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return;
        }
        String failure = event instanceof CamelEvent.ExchangeFailedEvent ? failureOf(exchange) : null;
        byRoute.computeIfAbsent(routeId, id -> new Counts()).count(failure, clock.instant());
    }

    private static String failureOf(Exchange exchange) {
        Exception exception = exchange.getException();
        if (exception instanceof RouteFailure failure) {
            return failure.reasonCode();
        }
        return exception == null ? "FAILED" : exception.getClass().getSimpleName();
    }

    Traffic of(String routeId) {
        Counts counts = byRoute.get(routeId);
        return counts == null ? Traffic.NONE : counts.traffic(clock.instant());
    }

    /** Totals and a ring of per-minute buckets, each tagged with the minute it counts; guarded by itself. */
    private static final class Counts {

        private long completed;
        private long failed;
        private final long[] minuteOf = new long[WINDOW_MINUTES];
        private final long[] completedIn = new long[WINDOW_MINUTES];
        private final long[] failedIn = new long[WINDOW_MINUTES];
        private Instant last;
        private String lastFailure;
        private Instant lastFailureAt;

        /** @param failure null for a completed exchange, else what failed */
        synchronized void count(String failure, Instant at) {
            long minute = at.getEpochSecond() / 60;
            int slot = (int) (minute % WINDOW_MINUTES);
            if (minuteOf[slot] != minute) {
                minuteOf[slot] = minute;
                completedIn[slot] = 0;
                failedIn[slot] = 0;
            }
            if (failure != null) {
                failed++;
                failedIn[slot]++;
                lastFailure = failure;
                lastFailureAt = at;
            } else {
                completed++;
                completedIn[slot]++;
            }
            last = at;
        }

        synchronized Traffic traffic(Instant now) {
            long minute = now.getEpochSecond() / 60;
            long recentCompleted = 0;
            long recentFailed = 0;
            for (int slot = 0; slot < WINDOW_MINUTES; slot++) {
                if (minute - minuteOf[slot] < WINDOW_MINUTES) {
                    recentCompleted += completedIn[slot];
                    recentFailed += failedIn[slot];
                }
            }
            return new Traffic(completed, failed, recentCompleted, recentFailed, last, lastFailure, lastFailureAt);
        }
    }
}
