package org.mashgateway.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Periodic work goes through org.mashgateway.scheduling.Pollers, the one mechanism that survives any
 * failure of a run: a hand-written scheduler has to remember to catch everything, and one that
 * forgot (the own-certificate expiry check) was cancelled for good by one database outage.
 */
class PollersConventionTest {

    private static final Path MAIN = Path.of("src/main/java/org/mashgateway");
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
}
