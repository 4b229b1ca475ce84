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
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.scheduling.ScheduledRouteFixture;

/** Directory changes take effect without a restart; a broken change is refused and the last good directory stays. */
class DirectoryReloadTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String ONE_AGENCY = """
            agencies:
              - code: AG1
                name: First Test Agency
                class: OTHER
                channel: EMAIL
                email: first@agency.example
            """;
    private static final String TWO_AGENCIES = ONE_AGENCY + """
              - code: AG2
                name: Second Test Agency
                class: HEALTH
                channel: EMAIL
                email: second@agency.example
            """;
    private static final String BROKEN = ONE_AGENCY + """
              - code: AG2
                name: Second Test Agency
                class: HEALTH
                channel: EMAIL
                email: "second@agency.example\\r\\n"
            """;

    @TempDir
    Path dir;

    private Path file;
    private RecordedAlerts alerts;
    private ConfiguredDirectory directory;
    private DirectoryWatch watch;
    private ScheduledRouteFixture route;
    private int edits;

    @BeforeEach
    void loadFirstVersion() throws IOException {
        file = Files.writeString(dir.resolve("directory.yaml"), ONE_AGENCY);
        alerts = new RecordedAlerts();
        directory = new ConfiguredDirectory("file:" + file, "", "50ms", alerts, CLOCK);
        watch = new DirectoryWatch(directory);
    }

    @AfterEach
    void stopPolling() {
        if (route != null) {
            route.close();
        }
    }

    /** Reloads as the gateway does: the route directory-reload, every 50 ms here. */
    private void startPolling() {
        route = ScheduledRouteFixture.run("directory-reload", watch, "reload", Duration.ofMillis(50));
    }

    @Test
    void aChangedFileIsPickedUpByThePollerWithoutARestart() throws IOException {
        startPolling();
        edit(TWO_AGENCIES);

        await().atMost(Duration.ofSeconds(10)).until(() -> directory.agency("AG2").isPresent());
        assertThat(directory.agencies()).extracting(Agency::code).containsExactly("AG1", "AG2");
        assertThat(directory.lastReload().ok()).isTrue();
        assertThat(alerts.all()).isEmpty();
    }

    @Test
    void aBrokenChangeIsRefusedTheLastGoodDirectoryStaysAndOneAlertIsRaised() throws IOException {
        startPolling();
        edit(BROKEN);

        await().atMost(Duration.ofSeconds(10)).until(() -> !alerts.all().isEmpty());
        assertThat(alerts.all()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.DIRECTORY);
            assertThat(alert.reasonCode()).isEqualTo("DIRECTORY_LOAD_FAILED");
            assertThat(alert.context()).contains(file.toString(), "agency AG2", "email");
        });
        assertThat(directory.agency("AG1")).isPresent();
        assertThat(directory.agency("AG2")).isEmpty();
        assertThat(directory.lastReload().ok()).isFalse();

        // The same broken file is not reported again on every poll.
        directory.poll();
        directory.poll();
        assertThat(alerts.all()).hasSize(1);
    }

    @Test
    void aFixAfterABrokenChangeIsPickedUp() throws IOException {
        edit(BROKEN);
        pollUntilSettled();
        assertThat(directory.lastReload().ok()).isFalse();

        edit(TWO_AGENCIES);
        pollUntilSettled();
        assertThat(directory.lastReload().ok()).isTrue();
        assertThat(directory.agency("AG2")).isPresent();
    }

    @Test
    void aChangeIsLoadedOnlyOnceItHasStayedTheSameForOnePoll() throws IOException {
        edit(TWO_AGENCIES);
        directory.poll();
        assertThat(directory.agency("AG2")).as("still being written, perhaps").isEmpty();
        directory.poll();
        assertThat(directory.agency("AG2")).isPresent();
    }

    @Test
    void aReplacedCertificateFileIsPickedUpThoughTheYamlIsUnchanged() throws IOException {
        Path certificate = TestCertificates.write(dir.resolve("force.crt"), TestCertificates.issue("Old Force Key"));
        edit("""
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: %s
                """.formatted(certificate));
        pollUntilSettled();
        var replacement = TestCertificates.issue("New Force Key");
        assertThat(directory.callerFor(replacement)).isEmpty();

        TestCertificates.write(certificate, replacement);
        Files.setLastModifiedTime(certificate, FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
        pollUntilSettled();

        assertThat(directory.callerFor(replacement)).contains(new Caller(CallerKind.FORCE, "TF1"));
    }

    @Test
    void reloadOnDemandReportsSuccessWithCountsOrTheReasonForRefusal() throws IOException {
        Files.writeString(file, TWO_AGENCIES);
        DirectoryReload loaded = directory.reload();
        assertThat(loaded.ok()).isTrue();
        assertThat(loaded.message()).contains("2 agencies");
        assertThat(loaded.at()).isEqualTo(CLOCK.instant());

        Files.writeString(file, BROKEN);
        DirectoryReload refused = directory.reload();
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("agency AG2 (agencies[1])", "not a valid e-mail address");
        assertThat(directory.agency("AG2")).as("last good directory kept").isPresent();
        assertThat(directory.lastReload()).isEqualTo(refused);
        assertThat(alerts.withCode("DIRECTORY_LOAD_FAILED")).hasSize(1);
    }

    @Test
    void aDeletedDirectoryFileIsRefusedAndTheLastGoodOneStays() throws IOException {
        Files.delete(file);
        pollUntilSettled();
        assertThat(directory.lastReload().ok()).isFalse();
        assertThat(directory.lastReload().message()).contains("cannot be read");
        assertThat(directory.agency("AG1")).isPresent();
    }

    /** Writes the file with a modification time that certainly differs from the previous one. */
    private void edit(String yaml) throws IOException {
        Files.writeString(file, yaml);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2031-01-01T00:00:00Z").plusSeconds(++edits)));
    }

    /** Two polls: one to see the change, one to see it has settled and load it. */
    private void pollUntilSettled() {
        directory.poll();
        directory.poll();
    }
}
