package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.Alerts;
import org.mashgateway.directory.Directory;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.schoolday.DemoSchoolDays;
import org.mashgateway.schoolday.SchoolAgeRule;
import org.mashgateway.schoolday.SchoolDeadline;
import org.mashgateway.xml.XmlDocuments;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The bean reads mash.policy and mash.policy.reload-interval from configuration and refuses to start on a broken file. */
class PolicyWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Alerts.class, PolicyFixtures.RecordedAlerts::new)
            .withBean(Directory.class, PolicyFixtures::directory)
            .withBean(XmlDocuments.class, () -> PolicyFixtures.XML)
            .withBean(GatewayReferences.class)
            .withBean(SchoolAgeRule.class, DemoSchoolDays::compulsorySchoolAge)
            .withBean(SchoolDeadline.class, DemoSchoolDays::deadline)
            .withUserConfiguration(SafeguardingContactConfiguration.class)
            .withPropertyValues("mash.sdat.contact.team=Initial Response Team", "mash.sdat.contact.phone=01332 000000",
                    "mash.sdat.contact.email=irt@derby.example",
                    "mash.sdat.contact.procedures-url=https://procedures.example/safeguarding")
            .withBean(SharingPolicy.class)
            .withBean(Shares.class)
            .withBean(FirstPlan.class)
            .withBean(ReplacementPlan.class);

    @TempDir
    Path folder;

    @Test
    void withoutConfigurationThePolicyShippedInTheJarIsInForce() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(SharingPolicy.class).version()).isEqualTo("2026.11-1");
            assertThat(started.getBean(FirstPlan.class)
                    .planFor(PolicyFixtures.parsed(PolicyFixtures.notification().xml()), "DERBYS").policyVersion())
                    .isEqualTo("2026.11-1");
        });
    }

    @Test
    void theConfiguredFileIsRead() throws IOException {
        Path file = Files.writeString(folder.resolve("policy.yaml"), PolicyFileTest.withVersion("local-7"));

        context.withPropertyValues("mash.policy=file:" + file, "mash.policy.reload-interval=2s").run(started ->
                assertThat(started.getBean(SharingPolicy.class).version()).isEqualTo("local-7"));
    }

    @Test
    void withoutASafeguardingContactTheGatewayDoesNotStart() {
        context.withPropertyValues("mash.sdat.contact.team=").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mash.sdat.contact.team must be set");
        });
    }

    @Test
    void aBrokenPolicyStopsTheStart() throws IOException {
        Path file = Files.writeString(folder.resolve("policy.yaml"), "version: 1\nprofiles: []\n");

        context.withPropertyValues("mash.policy=" + file).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().isInstanceOf(PolicyLoadException.class);
        });
    }
}
