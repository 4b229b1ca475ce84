package org.mashgateway.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The route template every piece of periodic work runs on ({@code routes/scheduled-work.camel.yaml}),
 * in a real Camel context: a run that throws anything, an {@link Error} included, is counted under
 * the route's id and the next run happens; a route turned off is not there at all; intervals are
 * read as the gateway's settings are written (ISO-8601 or 10s).
 */
class ScheduledWorkTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledRuns runs = new ScheduledRuns(meters);
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void camel() throws Exception {
        camel.getPropertiesComponent().addPropertiesFunction(new DurationMillis(new MockEnvironment()
                .withProperty("test.interval", "PT0.01S")));
        Properties settings = new Properties();
        settings.setProperty("test.off", "false");
        camel.getPropertiesComponent().setInitialProperties(settings);
        camel.getRegistry().bind("scheduledRuns", runs);
        // No route here runs on one node at a time: the leases are never asked.
        camel.getRegistry().bind("scheduledWorkLeases", new ScheduledWorkLeases(null, Clock.systemUTC(), new NodeName("test")));
        camel.addRoutes(new ScheduledRouteConfiguration(runs));
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/scheduled-work.camel.yaml"));
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void a_run_that_throws_an_error_or_an_exception_is_counted_and_the_next_run_happens() throws Exception {
        FlakyWork work = new FlakyWork();
        camel.getRegistry().bind("flakyWork", work);
        add("flaky", "flakyWork", "{{millis:test.interval}}", "true");
        camel.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> work.runs.get() >= 5);

        assertThat(meters.get(Pollers.FAILURES).tag(Pollers.POLLER_TAG, "flaky").counter().count()).isEqualTo(2.0);
        assertThat(camel.getRouteController().getRouteStatus("flaky")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void a_route_turned_off_is_not_made_and_intervals_take_the_gateways_formats() throws Exception {
        camel.getRegistry().bind("flakyWork", new FlakyWork());
        add("off", "flakyWork", "{{millis:test.interval}}", "{{test.off}}");
        add("default", "flakyWork", "{{millis:test.unset:10s}}", "true");
        camel.start();

        assertThat(camel.getRoute("off")).isNull();
        assertThat(camel.getRoute("default").getEndpoint().getEndpointUri()).contains("delay=10000");
        assertThat(new DurationMillis(new MockEnvironment().withProperty("a", "PT1M")).apply("a")).isEqualTo("60000");
        assertThat(new DurationMillis(new MockEnvironment()).apply("b:500ms")).isEqualTo("500");
    }

    private void add(String routeId, String bean, String interval, String enabled) throws Exception {
        TemplatedRouteBuilder.builder(camel, "scheduled-work")
                .routeId(routeId)
                .parameter("name", routeId)
                .parameter("description", "test work")
                .parameter("bean", bean)
                .parameter("method", "run")
                .parameter("interval", interval)
                .parameter("initialDelay", "0")
                .parameter("enabled", enabled)
                .add();
    }

    /** Fails its first run with an Error and its second with an exception, then works. */
    static final class FlakyWork {
        final AtomicInteger runs = new AtomicInteger();

        public void run() {
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (run == 2) {
                throw new IllegalStateException("unforeseen");
            }
        }
    }
}
