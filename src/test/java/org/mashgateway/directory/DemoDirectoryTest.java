package org.mashgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo directory shipped on the classpath loads as the default run needs it, with the certs-example certificates. */
class DemoDirectoryTest {

    private static final Clock DEMO_DAY = Clock.fixed(Instant.parse("2027-01-15T09:00:00Z"), ZoneOffset.UTC);

    private static RecordedAlerts alerts;
    private static ConfiguredDirectory directory;

    @BeforeAll
    static void loadDemoDirectory() {
        alerts = new RecordedAlerts();
        directory = new ConfiguredDirectory("classpath:demo/directory.yaml", "", "PT5S", alerts, DEMO_DAY);
    }

    @Test
    void demoDirectoryListsTheForcesCaseSystemAgenciesAndSchoolsOfTheDefaultRun() {
        assertThat(directory.forces()).extracting(Force::code).containsExactly("DERBYS", "NOTTS");
        assertThat(directory.caseSystems()).extracting(CaseSystem::code).containsExactly("MASH");
        assertThat(directory.agencies()).extracting(Agency::code).containsExactly("CSC", "HEALTH", "EWS");
        assertThat(directory.schools()).extracting(School::urn).containsExactly("100001", "100002", "100003");
        assertThat(directory.lastReload().ok()).isTrue();
        assertThat(alerts.all()).isEmpty();
    }

    @Test
    void demoAgenciesCarryClassChannelAddressAndDefaults() {
        Agency csc = directory.agency("CSC").orElseThrow();
        assertThat(csc.agencyClass()).isEqualTo(AgencyClass.SOCIAL_CARE);
        assertThat(csc.channel()).isEqualTo(Channel.EMAIL);
        assertThat(csc.email()).isEqualTo("csc-mash@derby.example");
        assertThat(csc.protection()).isEqualTo(Protection.SMIME);
        assertThat(csc.gcmCapable()).isTrue();
        assertThat(directory.agency("HEALTH").orElseThrow().agencyClass()).isEqualTo(AgencyClass.HEALTH);
        assertThat(directory.agency("EWS").orElseThrow().agencyClass()).isEqualTo(AgencyClass.EDUCATION_WELFARE);
    }

    @Test
    void demoSchoolsCarryDeputyAndProtection() {
        School primary = directory.school("100001").orElseThrow();
        assertThat(primary.deputyEmail()).isEqualTo("deputy@example-primary.example");
        assertThat(primary.protection()).isEqualTo(Protection.SMIME);
        assertThat(primary.certificates()).hasSize(1);
        School infant = directory.school("100003").orElseThrow();
        assertThat(infant.protection()).isEqualTo(Protection.TLS);
        assertThat(infant.certificates()).isEmpty();
        assertThat(directory.school("999999")).isEmpty();
    }

    @Test
    void everyDemoCertificateParsesAndChainsToTheDemoCa() throws Exception {
        X509Certificate ca = read("certs-example/ca.crt");
        try (var files = Files.list(Path.of("certs-example"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".crt")).toList()) {
                X509Certificate certificate = read(file.toString());
                certificate.verify(ca.getPublicKey());
                assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
            }
        }
    }

    @Test
    void callerForRecognisesEachRegisteredPartnerByItsCertificate() throws Exception {
        assertThat(directory.callerFor(read("certs-example/police-DERBYS.crt")))
                .contains(new Caller(CallerKind.FORCE, "DERBYS"));
        assertThat(directory.callerFor(read("certs-example/police-NOTTS.crt")))
                .contains(new Caller(CallerKind.FORCE, "NOTTS"));
        assertThat(directory.callerFor(read("certs-example/casework.crt")))
                .contains(new Caller(CallerKind.CASE_SYSTEM, "MASH"));
        assertThat(directory.callerFor(read("certs-example/agency-CSC.crt")))
                .contains(new Caller(CallerKind.AGENCY, "CSC"));
    }

    @Test
    void callerForFindsNobodyForAnUnregisteredCertificate() throws Exception {
        assertThat(directory.callerFor(TestCertificates.issue("Unregistered System"))).isEmpty();
        // Signed by the demo CA but not registered as a caller: a school's and the gateway's own.
        assertThat(directory.callerFor(read("certs-example/school-100001.crt"))).isEmpty();
        assertThat(directory.callerFor(read("certs-example/gateway.crt"))).isEmpty();
        assertThat(directory.callerFor(null)).isEmpty();
    }

    private static X509Certificate read(String file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
