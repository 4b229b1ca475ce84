package org.mashgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory that breaks a rule is refused as a whole, with a message naming the file, the entry and the rule. */
class DirectoryValidationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path forceCertificate;
    private Path agencyCertificate;

    @BeforeEach
    void writeCertificates() {
        forceCertificate = TestCertificates.write(dir.resolve("force.crt"), TestCertificates.issue("Test Force"));
        agencyCertificate = TestCertificates.write(dir.resolve("agency.crt"), TestCertificates.issue("Test Agency"));
    }

    @Test
    void aWellFormedDirectoryWithPlainAndFileLocationsLoads() throws IOException {
        ConfiguredDirectory directory = load("""
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: file:%s
                agencies:
                  - code: AG1
                    name: Test Agency
                    class: probation
                    channel: QUEUE
                    certificate: %s
                    protection: TLS
                    gcm: false
                """.formatted(forceCertificate, agencyCertificate));

        Agency agency = directory.agency("AG1").orElseThrow();
        assertThat(agency.agencyClass()).isEqualTo(AgencyClass.PROBATION);
        assertThat(agency.channel()).isEqualTo(Channel.QUEUE);
        assertThat(agency.email()).isNull();
        assertThat(agency.protection()).isEqualTo(Protection.TLS);
        assertThat(agency.gcmCapable()).isFalse();
        assertThat(directory.force("TF1").orElseThrow().certificates()).hasSize(1);
    }

    @Test
    void aCertificateMayBeNamedOnTheClasspath() throws IOException {
        ConfiguredDirectory directory = load("""
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: classpath:directory/classpath-force.crt
                """);

        assertThat(directory.force("TF1").orElseThrow().certificates()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("Classpath Test Force"));
    }

    @Test
    void aMissingClasspathCertificateIsRefused() throws IOException {
        assertRefused("""
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: classpath:directory/no-such.crt
                """, "force TF1", "classpath:directory/no-such.crt", "cannot be read");
    }

    @Test
    void brokenYamlIsRefusedWithTheFileAndLine() throws IOException {
        assertRefused("""
                forces: [
                  { code: TF1, name: Test Force
                """, "directory.yaml", "line");
    }

    @Test
    void anUnknownFieldIsRefusedSoATypoCannotPassSilently() throws IOException {
        assertRefused("""
                schools:
                  - urn: "100001"
                    name: Test School
                    emial: dsl@test-school.example
                """, "schools[0]", "emial");
    }

    @Test
    void aMissingCertificateFileIsRefusedNamingTheEntryAndTheFile() throws IOException {
        assertRefused("""
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: file:%s
                """.formatted(dir.resolve("missing.crt")), "force TF1", "missing.crt", "cannot be read");
    }

    @Test
    void aFileThatIsNotACertificateIsRefused() throws IOException {
        Path notACertificate = Files.writeString(dir.resolve("key.crt"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
        assertRefused("""
                caseSystems:
                  - code: CASE
                    name: Test Case System
                    certificate: %s
                """.formatted(notACertificate), "case system CASE", "key.crt");
    }

    @Test
    void aDuplicateCodeIsRefusedEvenAcrossKinds() throws IOException {
        assertRefused("""
                forces:
                  - code: TF1
                    name: Test Force
                agencies:
                  - code: TF1
                    name: Test Agency
                    class: OTHER
                    channel: EMAIL
                    email: team@agency.example
                """, "agency TF1 (agencies[0])", "already used by", "force TF1");
    }

    @Test
    void aMalformedCodeIsRefusedByPosition() throws IOException {
        assertRefused("""
                forces:
                  - code: TF1
                    name: Test Force
                  - code: tf-2
                    name: Second Test Force
                """, "forces[1]", "2 to 10 capital letters or digits");
    }

    @Test
    void aUrnThatIsNotSixDigitsIsRefused() throws IOException {
        assertRefused("""
                schools:
                  - urn: "10001"
                    name: Test School
                    email: dsl@test-school.example
                """, "schools[0]", "6 digits");
    }

    @Test
    void aDuplicateUrnIsRefused() throws IOException {
        assertRefused("""
                schools:
                  - urn: "100001"
                    name: Test School
                    email: dsl@test-school.example
                  - urn: "100001"
                    name: Other Test School
                    email: dsl@other-test-school.example
                """, "school 100001 (schools[1])", "listed twice");
    }

    @Test
    void anAddressWithALineBreakIsRefusedWithoutRepeatingIt() throws IOException {
        String message = assertRefused("""
                agencies:
                  - code: AG1
                    name: Test Agency
                    class: OTHER
                    channel: EMAIL
                    email: "team@agency.example\\r\\nBcc: someone@elsewhere.example"
                """, "agency AG1", "email is not a valid e-mail address");
        assertThat(message).doesNotContain("elsewhere");
    }

    @Test
    void anAddressWithADisplayNameIsRefused() throws IOException {
        assertRefused("""
                schools:
                  - urn: "100001"
                    name: Test School
                    email: "Test School <dsl@test-school.example>"
                """, "school 100001", "email is not a valid e-mail address");
    }

    @Test
    void anEmailAgencyWithoutAnAddressIsRefused() throws IOException {
        assertRefused("""
                agencies:
                  - code: AG1
                    name: Test Agency
                    class: OTHER
                    channel: EMAIL
                """, "agency AG1", "email is missing");
    }

    @Test
    void anUnknownProtectionOrClassIsRefused() throws IOException {
        assertRefused("""
                schools:
                  - urn: "100001"
                    name: Test School
                    email: dsl@test-school.example
                    protection: none
                """, "school 100001", "protection must be smime or tls");
        assertRefused("""
                agencies:
                  - code: AG1
                    name: Test Agency
                    class: HOUSING
                    channel: EMAIL
                    email: team@agency.example
                """, "agency AG1", "class must be one of");
    }

    @Test
    void oneCertificateRegisteredToTwoCallersIsRefused() throws IOException {
        assertRefused("""
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: %s
                  - code: TF2
                    name: Second Test Force
                    certificate: %s
                """.formatted(forceCertificate, forceCertificate), "force TF2", "already registered to", "force TF1");
    }

    @Test
    void aCertificateFileHoldingAChainIsRefused() throws IOException {
        Path chain = TestCertificates.write(dir.resolve("chain.crt"),
                TestCertificates.issue("Leaf"), TestCertificates.issue("Issuer"));
        assertRefused("""
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: %s
                """.formatted(chain), "force TF1", "holds 2 certificates");
    }

    @Test
    void anEmptyDirectoryFileIsRefused() throws IOException {
        assertRefused("", "directory.yaml", "empty");
    }

    private ConfiguredDirectory load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("directory.yaml"), yaml);
        return new ConfiguredDirectory("file:" + file, "", "PT5S", new RecordedAlerts(), CLOCK);
    }

    private String assertRefused(String yaml, String... fragments) throws IOException {
        Path file = Files.writeString(dir.resolve("directory.yaml"), yaml);
        Throwable refusal = catchThrowable(
                () -> new ConfiguredDirectory(file.toString(), "", "PT5S", new RecordedAlerts(), CLOCK));
        assertThat(refusal).isInstanceOf(DirectoryLoadException.class);
        assertThat(refusal.getMessage()).contains(file.toString()).contains(fragments);
        return refusal.getMessage();
    }
}
