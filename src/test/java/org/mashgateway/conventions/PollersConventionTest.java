package org.mashgateway.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Periodic work runs as a route made from the template scheduled-work (or, for the outbox worker's
 * own feed and the demo mail server, on org.mashgateway.scheduling.Pollers): mechanisms that survive
 * any failure of a run and count it. A hand-written scheduler has to remember to catch everything,
 * and one that forgot (the own-certificate expiry check) was cancelled for good by one database
 * outage; a route of its own would have to remember the route configuration that counts failures
 * and keeps their messages out of the log.
 */
class PollersConventionTest {

    private static final Path MAIN = Path.of("src/main/java/org/mashgateway");
    private static final Path ROUTES = Path.of("routes");
    private static final Path TEMPLATE = ROUTES.resolve("scheduled-work.camel.yaml");
    private static final List<String> HAND_WRITTEN_SCHEDULING = List.of("ScheduledExecutorService",
            "newSingleThreadScheduledExecutor", "newScheduledThreadPool", "scheduleWithFixedDelay",
            "scheduleAtFixedRate", "java.util.Timer", "@Scheduled", "@EnableScheduling");

    @Test
    void no_class_outside_the_scheduling_package_schedules_work_by_hand() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(MAIN.resolve("scheduling")))
                    .toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                String text = Files.readString(source);
                for (String construct : HAND_WRITTEN_SCHEDULING) {
                    assertThat(text).as(source + " uses " + construct + ": start a poller with Pollers instead")
                            .doesNotContain(construct);
                }
            }
        }
    }

    @Test
    void no_route_but_the_scheduled_work_template_starts_from_a_timer() throws IOException {
        assertThat(Files.readString(TEMPLATE)).contains("uri: \"scheduler:{{name}}\"", "routeConfigurationId: scheduled",
                "exceptionHandler: \"#scheduledRuns\"");
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path routes : files.filter(file -> !file.equals(TEMPLATE)).toList()) {
                String text = Files.readString(routes);
                for (String timer : List.of("scheduler:", "timer:", "quartz:", "cron:")) {
                    assertThat(text).as(routes + " starts a route from " + timer + ": make it from the template "
                            + "scheduled-work instead").doesNotContain("uri: " + timer).doesNotContain("uri: \"" + timer);
                }
            }
        }
    }
}
