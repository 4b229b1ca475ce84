package org.mashgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.scheduling.ScheduledRouteFixture;
import org.springframework.transaction.CannotCreateTransactionException;

/** Hot reload and the daily certificate check go on after a run that throws anything. */
class DirectoryWatchKeepsWatchingTest {

    private static final String ONE_AGENCY = """
            agencies:
              - code: AG1
                name: First Test Agency
                class: SOCIAL_CARE
                channel: EMAIL
                email: first@agency.example
            """;
    private static final String BROKEN = ONE_AGENCY + """
              - code: AG2
                name: Second Test Agency
                class: HEALTH
                channel: EMAIL
                email: "second@agency.example\\r\\n"
            """;
    private static final String TWO_AGENCIES = ONE_AGENCY + """
              - code: AG2
                name: Second Test Agency
                class: HEALTH
                channel: EMAIL
                email: second@agency.example
            """;

    @TempDir
    Path dir;

    private final RecordedAlerts recorded = new RecordedAlerts();
    private final AtomicInteger raised = new AtomicInteger();
    private ScheduledRouteFixture route;

    @AfterEach
    void stop() {
        if (route != null) {
            route.close();
        }
    }

    /** Records alerts, except that storing the {@code failing}-th one fails with {@code failure}. */
    private Alerts failingOnce(int failing, Throwable failure) {
        return (kind, reasonCode, context) -> {
            if (raised.incrementAndGet() == failing) {
                sneakyThrow(failure);
            }
            recorded.raise(kind, reasonCode, context);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }


    @Test
    void a_reload_that_throws_an_error_is_counted_and_the_next_change_is_still_picked_up() throws IOException {
        Path file = Files.writeString(dir.resolve("directory.yaml"), ONE_AGENCY);
        ConfiguredDirectory directory = new ConfiguredDirectory("file:" + file, "", "20ms",
                failingOnce(1, new OutOfMemoryError("Java heap space")), Clock.systemUTC());
        route = ScheduledRouteFixture.run("directory-reload", new DirectoryWatch(directory), "reload",
                Duration.ofMillis(20));

        edit(file, BROKEN, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> route.failures() == 1.0);
        edit(file, TWO_AGENCIES, 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> directory.agency("AG2").isPresent());
        assertThat(route.failures()).isEqualTo(1.0);
    }

    @Test
    void a_certificate_check_whose_alert_cannot_be_stored_is_counted_and_the_next_check_happens() {
        Path certificate = TestCertificates.write(dir.resolve("agency.crt"), TestCertificates.issue("Expiring Agency",
                Instant.now().minus(Duration.ofDays(300)), Instant.now().plus(Duration.ofDays(10))));
        Path file = write(dir.resolve("directory.yaml"), """
                agencies:
                  - code: AG1
                    name: Test Agency
                    class: OTHER
                    channel: EMAIL
                    email: team@agency.example
                    certificate: %s
                """.formatted(certificate));
        // The first alert is raised by the load at start-up, the second by the first scheduled check.
        ConfiguredDirectory directory = new ConfiguredDirectory(file.toString(), "", "PT1H",
                failingOnce(2, new CannotCreateTransactionException("Could not open JDBC Connection")),
                Clock.systemUTC());
        route = ScheduledRouteFixture.run("directory-certificate-expiry", new DirectoryWatch(directory),
                "checkCertificateExpiry", Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(10)).until(() -> raised.get() >= 3);

        assertThat(route.failures()).isEqualTo(1.0);
        assertThat(recorded.all()).extracting(RecordedAlerts.Raised::kind).contains(AlertKind.CERTIFICATE);
    }

    private static void edit(Path file, String yaml, int edit) throws IOException {
        Files.writeString(file, yaml);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60L * edit)));
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
