package org.mashgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.AlertKind;

/** Admins are warned 30 days before a directory certificate expires, and told when one has expired. */
class CertificateExpiryTest {

    private static final Instant TODAY = Instant.parse("2030-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(TODAY, ZoneOffset.UTC);
    private static final Instant LONG_AGO = Instant.parse("2029-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aCertificateExpiringWithinThirtyDaysRaisesAnAlertNamingTheEntryAndTheDate() throws IOException {
        Instant in10Days = TODAY.plus(Duration.ofDays(10));
        Path expiring = cert("agency.crt", "Expiring Agency", in10Days);
        RecordedAlerts alerts = new RecordedAlerts();

        load(agencyWith(expiring), alerts);

        assertThat(alerts.all()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.CERTIFICATE);
            assertThat(alert.reasonCode()).isEqualTo("CERTIFICATE_EXPIRING");
            assertThat(alert.context()).contains("AGENCY AG1", in10Days.toString()).doesNotContain("Expiring Agency");
        });
    }

    @Test
    void anExpiredCertificateRaisesCertificateExpired() throws IOException {
        Instant yesterday = TODAY.minus(Duration.ofDays(1));
        RecordedAlerts alerts = new RecordedAlerts();

        load(agencyWith(cert("agency.crt", "Expired Agency", yesterday)), alerts);

        assertThat(alerts.all()).singleElement().satisfies(alert -> {
            assertThat(alert.reasonCode()).isEqualTo("CERTIFICATE_EXPIRED");
            assertThat(alert.context()).contains("AGENCY AG1", yesterday.toString());
        });
    }

    @Test
    void aCertificateValidForMoreThanThirtyDaysRaisesNothingButIsListedOnRequest() throws IOException {
        Instant in60Days = TODAY.plus(Duration.ofDays(60));
        RecordedAlerts alerts = new RecordedAlerts();

        ConfiguredDirectory directory = load(agencyWith(cert("agency.crt", "Healthy Agency", in60Days)), alerts);

        assertThat(alerts.all()).isEmpty();
        assertThat(directory.certificatesExpiringWithin(Duration.ofDays(30))).isEmpty();
        assertThat(directory.certificatesExpiringWithin(Duration.ofDays(90))).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(DirectoryEntryKind.AGENCY);
            assertThat(c.code()).isEqualTo("AG1");
            assertThat(c.notAfter()).isEqualTo(in60Days);
            assertThat(c.expired()).isFalse();
            assertThat(c.sha256Fingerprint()).hasSize(64);
        });
    }

    @Test
    void expiringCertificatesAreListedSoonestFirstAcrossEntryKinds() throws IOException {
        Path forceCert = cert("force.crt", "Force", TODAY.plus(Duration.ofDays(20)));
        Path schoolCert = cert("school.crt", "School", TODAY.minus(Duration.ofDays(2)));
        Path file = Files.writeString(dir.resolve("directory.yaml"), """
                forces:
                  - code: TF1
                    name: Test Force
                    certificate: %s
                schools:
                  - urn: "100001"
                    name: Test School
                    email: dsl@test-school.example
                    certificate: %s
                """.formatted(forceCert, schoolCert));
        RecordedAlerts alerts = new RecordedAlerts();
        ConfiguredDirectory directory = new ConfiguredDirectory(file.toString(), "", "PT5S", alerts, CLOCK);

        assertThat(directory.certificatesExpiringWithin(Duration.ofDays(30)))
                .extracting(ExpiringCertificate::kind, ExpiringCertificate::code, ExpiringCertificate::expired)
                .containsExactly(
                        tuple(DirectoryEntryKind.SCHOOL, "100001", true),
                        tuple(DirectoryEntryKind.FORCE, "TF1", false));
        assertThat(alerts.all()).extracting(RecordedAlerts.Raised::reasonCode)
                .containsExactlyInAnyOrder("CERTIFICATE_EXPIRED", "CERTIFICATE_EXPIRING");
    }

    @Test
    void manySchoolsSharingOneExpiringCertificateGiveOneAlert() throws IOException {
        Path shared = cert("shared.crt", "Shared", TODAY.plus(Duration.ofDays(5)));
        Path yaml = Files.writeString(dir.resolve("directory.yaml"), "schools: []\n");
        StringBuilder csv = new StringBuilder("URN,EstablishmentName,SafeguardingEmail,CertificateFile,Protection\n");
        for (int urn = 200001; urn <= 200008; urn++) {
            csv.append(urn).append(",Test School,dsl@s").append(urn).append(".example,").append(shared).append(",\n");
        }
        Path schools = Files.writeString(dir.resolve("schools.csv"), csv);
        RecordedAlerts alerts = new RecordedAlerts();

        new ConfiguredDirectory(yaml.toString(), schools.toString(), "PT5S", alerts, CLOCK);

        assertThat(alerts.all()).singleElement().satisfies(alert ->
                assertThat(alert.context()).contains("SCHOOL 200001", "SCHOOL 200005", "(+3 more)"));
    }

    @Test
    void duringARolloverBothCertificatesAreKeptAndEachIdentifiesTheCaller() throws IOException {
        X509Certificate old = TestCertificates.issue("Agency Old", LONG_AGO, TODAY.plus(Duration.ofDays(7)));
        X509Certificate next = TestCertificates.issue("Agency New", TODAY.minus(Duration.ofDays(1)),
                TODAY.plus(Duration.ofDays(400)));
        Path oldFile = TestCertificates.write(dir.resolve("agency-old.crt"), old);
        Path nextFile = TestCertificates.write(dir.resolve("agency-new.crt"), next);
        Path file = Files.writeString(dir.resolve("directory.yaml"), """
                agencies:
                  - code: AG1
                    name: Test Agency
                    class: SOCIAL_CARE
                    channel: EMAIL
                    email: team@agency.example
                    certificate:
                      - file:%s
                      - %s
                """.formatted(oldFile, nextFile));
        RecordedAlerts alerts = new RecordedAlerts();

        ConfiguredDirectory directory = new ConfiguredDirectory(file.toString(), "", "PT5S", alerts, CLOCK);

        assertThat(directory.agency("AG1").orElseThrow().certificates()).containsExactly(old, next);
        assertThat(directory.callerFor(old)).contains(new Caller(CallerKind.AGENCY, "AG1"));
        assertThat(directory.callerFor(next)).contains(new Caller(CallerKind.AGENCY, "AG1"));
        assertThat(alerts.withCode("CERTIFICATE_EXPIRING")).hasSize(1);
    }

    private Path cert(String name, String commonName, Instant notAfter) {
        return TestCertificates.write(dir.resolve(name), TestCertificates.issue(commonName, LONG_AGO, notAfter));
    }

    private String agencyWith(Path certificate) {
        return """
                agencies:
                  - code: AG1
                    name: Test Agency
                    class: OTHER
                    channel: EMAIL
                    email: team@agency.example
                    certificate: %s
                """.formatted(certificate);
    }

    private ConfiguredDirectory load(String yaml, RecordedAlerts alerts) throws IOException {
        Path file = Files.writeString(dir.resolve("directory.yaml"), yaml);
        return new ConfiguredDirectory(file.toString(), "", "PT5S", alerts, CLOCK);
    }
}
