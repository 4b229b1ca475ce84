package org.mashgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.Alerts;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The bean reads its flat mash.directory keys from configuration. */
class DirectoryWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Alerts.class, RecordedAlerts::new)
            .withBean(Clock.class, () -> Clock.fixed(Instant.parse("2030-06-01T12:00:00Z"), ZoneOffset.UTC))
            .withBean(ConfiguredDirectory.class)
            .withBean(DirectoryWatch.class);

    @TempDir
    Path dir;

    @Test
    void withoutConfigurationTheDemoDirectoryOnTheClasspathIsUsed() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(Directory.class).force("DERBYS")).isPresent();
        });
    }

    @Test
    void bothTheDirectoryAndItsSchoolsCsvAreReadFromFlatProperties() throws IOException {
        Path yaml = Files.writeString(dir.resolve("directory.yaml"), """
                forces:
                  - code: TF1
                    name: Test Force
                """);
        Path csv = Files.writeString(dir.resolve("schools.csv"),
                "URN,EstablishmentName,SafeguardingEmail,CertificateFile,Protection\n200001,Test School,dsl@t.example,,\n");
        context.withPropertyValues(
                        "mash.directory=file:" + yaml,
                        "mash.directory.schools-csv=" + csv,
                        "mash.directory.reload-interval=2s")
                .run(started -> {
                    Directory directory = started.getBean(Directory.class);
                    assertThat(directory.force("TF1")).isPresent();
                    assertThat(directory.force("DERBYS")).isEmpty();
                    assertThat(directory.school("200001")).isPresent();
                });
    }

    @Test
    void aBrokenDirectoryStopsTheStart() throws IOException {
        Path yaml = Files.writeString(dir.resolve("directory.yaml"), "forces:\n  - code: x\n");
        context.withPropertyValues("mash.directory=" + yaml).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(DirectoryLoadException.class)
                    .hasMessageContaining("forces[0]");
        });
    }
}
