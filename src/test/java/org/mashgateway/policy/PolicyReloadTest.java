package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.AlertKind;

class PolicyReloadTest {

    @TempDir
    Path folder;

    private final PolicyFixtures.RecordedAlerts alerts = new PolicyFixtures.RecordedAlerts();
    private int edits;

    @Test
    void aChangedPolicyIsTakenOnceItHasStayedTheSameForOnePoll() throws IOException {
        Path file = write(PolicyFileTest.withVersion("2026.11-1"));
        PolicyFixtures.Planning policy = PolicyFixtures.policy("file:" + file, PolicyFixtures.directory(), alerts);

        edit(file, PolicyFileTest.withVersion("2026.12-1"));
        policy.poll();
        assertThat(policy.version()).as("a change seen once may still be being written").isEqualTo("2026.11-1");
        policy.poll();

        assertThat(policy.version()).isEqualTo("2026.12-1");
        assertThat(alerts.raised).isEmpty();
    }

    @Test
    void aBrokenChangeIsRefusedTheLastGoodPolicyStaysAndOneAlertIsRaised() throws IOException {
        Path file = write(PolicyFileTest.withVersion("2026.11-1"));
        PolicyFixtures.Planning policy = PolicyFixtures.policy("file:" + file, PolicyFixtures.directory(), alerts);

        edit(file, PolicyFileTest.withVersion("2026.12-1").replace("HIGH: PT24H", "HIGH: tomorrow"));
        policy.poll();
        policy.poll();
        policy.poll();

        assertThat(policy.version()).isEqualTo("2026.11-1");
        assertThat(alerts.raised).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.SYSTEM);
            assertThat(alert.reasonCode()).isEqualTo("POLICY_LOAD_FAILED");
            assertThat(alert.context()).contains("deadlines.HIGH");
        });
        var plan = policy.planFor(PolicyFixtures.parsed(PolicyFixtures.resource("samples/da-notification-high.xml")), "DERBYS");
        assertThat(plan.policyVersion()).isEqualTo("2026.11-1");
        assertThat(plan.shares()).hasSize(3);
    }

    @Test
    void aBrokenPolicyAtStartStopsTheGateway() throws IOException {
        Path file = write("version: \"2026.11-1\"\n");

        assertThatThrownBy(() -> PolicyFixtures.policy("file:" + file, PolicyFixtures.directory(), alerts))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("recipientClasses.SOCIAL_CARE: missing");
    }

    private Path write(String text) throws IOException {
        Path file = folder.resolve("sharing-policy.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-20T00:00:00Z")));
        return file;
    }

    /** Rewrites the file with a distinct modification time, whatever the file system's resolution. */
    private void edit(Path file, String text) throws IOException {
        edits++;
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-20T00:00:00Z").plusSeconds(60L * edits)));
    }
}
