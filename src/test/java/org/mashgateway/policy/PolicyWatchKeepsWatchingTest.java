package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.Alerts;
import org.mashgateway.scheduling.ScheduledRouteFixture;

/** Hot reload of the sharing policy goes on after a poll that throws anything. */
class PolicyWatchKeepsWatchingTest {

    @TempDir
    Path folder;

    private ScheduledRouteFixture route;

    @AfterEach
    void stop() {
        if (route != null) {
            route.close();
        }
    }

    @Test
    void a_poll_that_throws_an_error_is_counted_and_the_next_change_is_still_picked_up() throws IOException {
        Path file = folder.resolve("policy.yaml");
        edit(file, PolicyFileTest.withVersion("2026.11-1"), 0);
        AtomicInteger raised = new AtomicInteger();
        // Storing the alert for the refused change fails with an Error (the heap, say).
        Alerts failingOnce = (kind, reasonCode, context) -> {
            if (raised.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        SharingPolicy policy = new SharingPolicy("file:" + file, "20ms", failingOnce);
        route = ScheduledRouteFixture.run("policy-reload", new PolicyWatch(policy), "reload", Duration.ofMillis(20));

        edit(file, PolicyFileTest.withVersion("2026.12-1").replace("HIGH: PT24H", "HIGH: tomorrow"), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> failures() == 1.0);
        edit(file, PolicyFileTest.withVersion("2026.12-2"), 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> policy.version().equals("2026.12-2"));
        assertThat(failures()).isEqualTo(1.0);
    }

    private double failures() {
        return route.failures();
    }

    private static void edit(Path file, String text, int edit) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60L * edit)));
    }
}
