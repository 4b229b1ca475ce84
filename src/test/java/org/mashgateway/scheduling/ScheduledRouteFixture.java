package org.mashgateway.scheduling;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.springframework.mock.env.MockEnvironment;

/**
 * One piece of periodic work run as the gateway runs it: a route made from the template
 * {@code scheduled-work} ({@code routes/scheduled-work.camel.yaml}) with the route configuration
 * {@code scheduled}, in a Camel context of its own, calling {@code method} of {@code bean} every
 * {@code interval} (the first run at once). Failed runs are counted in {@link #failures()}.
 */
public final class ScheduledRouteFixture implements AutoCloseable {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final String name;

    private ScheduledRouteFixture(String name) {
        this.name = name;
    }

    /** Starts the route {@code name}: {@code bean.method()} every {@code interval}. */
    public static ScheduledRouteFixture run(String name, Object bean, String method, Duration interval) {
        // Never asked for a lease: the route does not run on one node at a time.
        return run(name, bean, method, interval, new ScheduledWorkLeases(null, Clock.systemUTC(), new NodeName("fixture")),
                false);
    }

    /** The same, run on one node at a time: only while {@code leases} (this "node") holds the work's lease. */
    static ScheduledRouteFixture runOnOneNode(String name, Object bean, String method, Duration interval,
            ScheduledWorkLeases leases) {
        return run(name, bean, method, interval, leases, true);
    }

    private static ScheduledRouteFixture run(String name, Object bean, String method, Duration interval,
            ScheduledWorkLeases leases, boolean onOneNode) {
        ScheduledRouteFixture fixture = new ScheduledRouteFixture(name);
        try {
            fixture.start(bean, method, interval, leases, onOneNode);
        } catch (Exception e) {
            fixture.close();
            throw new IllegalStateException("the scheduled route could not start", e);
        }
        return fixture;
    }

    private void start(Object bean, String method, Duration interval, ScheduledWorkLeases leases, boolean onOneNode)
            throws Exception {
        ScheduledRuns runs = new ScheduledRuns(meters);
        camel.getPropertiesComponent().addPropertiesFunction(new DurationMillis(new MockEnvironment()));
        camel.getRegistry().bind("scheduledRuns", runs);
        camel.getRegistry().bind("scheduledWorkLeases", leases);
        camel.getRegistry().bind("work", bean);
        camel.addRoutes(new ScheduledRouteConfiguration(runs));
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/scheduled-work.camel.yaml"));
        TemplatedRouteBuilder.builder(camel, "scheduled-work")
                .routeId(name)
                .parameter("name", name)
                .parameter("description", "test of " + name)
                .parameter("bean", "work")
                .parameter("method", method)
                .parameter("interval", String.valueOf(interval.toMillis()))
                .parameter("initialDelay", "0")
                .parameter("onOneNode", String.valueOf(onOneNode))
                .add();
        camel.start();
    }

    /** Failed runs so far: {@code mash_poller_failures_total{poller=<name>}}. */
    public double failures() {
        return meters.counter(Pollers.FAILURES, Pollers.POLLER_TAG, name).count();
    }

    @Override
    public void close() {
        camel.stop();
    }
}
