package org.mashgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schools from a GIAS-style CSV join the YAML ones; the YAML wins on a duplicate URN. */
class SchoolsCsvTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "URN,EstablishmentName,SafeguardingEmail,CertificateFile,Protection\n";

    @TempDir
    Path dir;

    private Path yaml;
    private Path certificate;

    @BeforeEach
    void writeDirectory() throws IOException {
        certificate = TestCertificates.write(dir.resolve("school.crt"), TestCertificates.issue("Test School"));
        yaml = Files.writeString(dir.resolve("directory.yaml"), """
                schools:
                  - urn: "100001"
                    name: Test School From Yaml
                    email: dsl@yaml-school.example
                    protection: tls
                """);
    }

    @Test
    void quotedFieldsWithCommasAndQuotesAndEmptyOptionalColumnsAreRead() throws IOException {
        ConfiguredDirectory directory = load(HEADER
                + "200001,\"St Test's C of E Primary School, Testville\",dsl@st-test.example,,\n"
                + "200002,\"The \"\"Test\"\" Academy\",dsl@test-academy.example,%s,SMIME\n".formatted(certificate)
                + "200003,Test Infant School,dsl@test-infant.example,,tls\n"
                + "\n");

        School first = directory.school("200001").orElseThrow();
        assertThat(first.name()).isEqualTo("St Test's C of E Primary School, Testville");
        assertThat(first.email()).isEqualTo("dsl@st-test.example");
        assertThat(first.certificates()).isEmpty();
        assertThat(first.protection()).isEqualTo(Protection.SMIME);
        assertThat(first.deputyEmail()).isNull();
        School second = directory.school("200002").orElseThrow();
        assertThat(second.name()).isEqualTo("The \"Test\" Academy");
        assertThat(second.certificates()).hasSize(1);
        assertThat(directory.school("200003").orElseThrow().protection()).isEqualTo(Protection.TLS);
        assertThat(directory.schools()).hasSize(4);
        assertThat(directory.lastReload().message()).contains("4 schools (3 from the schools CSV)");
    }

    @Test
    void theYamlEntryWinsOverACsvRowWithTheSameUrn() throws IOException {
        ConfiguredDirectory directory = load(HEADER + "100001,Test School From Csv,dsl@csv-school.example,,\n");

        School school = directory.school("100001").orElseThrow();
        assertThat(school.name()).isEqualTo("Test School From Yaml");
        assertThat(school.protection()).isEqualTo(Protection.TLS);
        assertThat(directory.schools()).hasSize(1);
    }

    @Test
    void extraGiasColumnsInAnyOrderAndAByteOrderMarkAreAccepted() throws IOException {
        ConfiguredDirectory directory = load("\uFEFFEstablishmentName,LA (name),URN,SafeguardingEmail\n"
                + "Test College,Testshire,200010,dsl@test-college.example\n");

        assertThat(directory.school("200010").orElseThrow().name()).isEqualTo("Test College");
    }

    @Test
    void severalCertificateFilesSeparatedBySemicolonsGiveARollover() throws IOException {
        Path next = TestCertificates.write(dir.resolve("next.crt"), TestCertificates.issue("Test School Next"));
        ConfiguredDirectory directory = load(HEADER + "200001,Test School,dsl@test.example,\"%s; %s\",smime\n"
                .formatted(certificate, next));

        assertThat(directory.school("200001").orElseThrow().certificates()).hasSize(2);
    }

    @Test
    void aBadRowIsRefusedNamingTheFileAndItsSpreadsheetRow() throws IOException {
        Path csv = Files.writeString(dir.resolve("schools.csv"), HEADER
                + "200001,Test School,dsl@test.example,,\n"
                + "20002,Short Urn School,dsl@short.example,,\n");

        Throwable refusal = catchThrowable(() -> directory(csv));
        assertThat(refusal).isInstanceOf(DirectoryLoadException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("row 3")
                .hasMessageContaining("URN must be exactly 6 digits");
    }

    @Test
    void aUrnListedTwiceInTheCsvIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("schools.csv"), HEADER
                + "200001,Test School,dsl@test.example,,\n"
                + "200001,Test School Again,dsl@again.example,,\n");

        assertThat(catchThrowable(() -> directory(csv))).hasMessageContaining("row 3 (URN 200001)")
                .hasMessageContaining("listed twice");
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("schools.csv"), "URN,SchoolName,Email\n200001,Test,dsl@test.example\n");

        assertThat(catchThrowable(() -> directory(csv))).isInstanceOf(DirectoryLoadException.class)
                .hasMessageContaining("no column EstablishmentName");
    }

    @Test
    void aRowWithAnUnbalancedQuoteIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("schools.csv"), HEADER
                + "200001,\"Test School, Testville,dsl@test.example,,\n"
                + "200002,Other Test School,dsl@other.example,,\n");

        assertThat(catchThrowable(() -> directory(csv))).isInstanceOf(DirectoryLoadException.class)
                .hasMessageContaining(csv.toString());
    }

    @Test
    void aRowWithTooManyColumnsIsRefusedWithoutQuotingTheCell() throws IOException {
        Path csv = Files.writeString(dir.resolve("schools.csv"), HEADER
                + "200001,Test School,dsl@test.example,,smime,Unexpected Cell Text\n");

        Throwable refusal = catchThrowable(() -> directory(csv));
        assertThat(refusal).isInstanceOf(DirectoryLoadException.class).hasMessageContaining("Too many entries");
        assertThat(refusal.getMessage()).doesNotContain("Unexpected Cell Text");
    }

    @Test
    void twentyFiveThousandSchoolsSharingAFewCertificatesLoad() throws IOException {
        Path[] certificates = new Path[4];
        for (int i = 0; i < certificates.length; i++) {
            certificates[i] = TestCertificates.write(dir.resolve("shared-" + i + ".crt"),
                    TestCertificates.issue("Shared School Certificate " + i));
        }
        Path csv = dir.resolve("schools.csv");
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            for (int i = 0; i < 25_000; i++) {
                int urn = 300_000 + i;
                String certificateFile = i % 3 == 0 ? "" : "file:" + certificates[i % certificates.length];
                out.write(urn + ",\"Test School " + i + ", Testville\",dsl" + i + "@school-" + urn + ".example,"
                        + certificateFile + "," + (i % 10 == 0 ? "tls" : "smime") + "\n");
            }
        }

        long started = System.nanoTime();
        ConfiguredDirectory directory = directory(csv);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        DirectoryReload reload = directory.reload();
        long reloadMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("25,000 CSV schools: first load %d ms, reload %d ms%n", firstMillis, reloadMillis);

        assertThat(reload.ok()).isTrue();
        assertThat(directory.schools()).hasSize(25_001);
        assertThat(directory.school("324999").orElseThrow().name()).isEqualTo("Test School 24999, Testville");
        assertThat(directory.school("300001").orElseThrow().certificates()).hasSize(1);
        // Each shared certificate file was parsed once: schools sharing a file share the certificate object.
        assertThat(directory.school("300001").orElseThrow().certificates().get(0))
                .isSameAs(directory.school("300005").orElseThrow().certificates().get(0));
    }

    private ConfiguredDirectory load(String csvContent) throws IOException {
        return directory(Files.writeString(dir.resolve("schools.csv"), csvContent));
    }

    private ConfiguredDirectory directory(Path csv) {
        return new ConfiguredDirectory(yaml.toString(), csv.toString(), "PT5S", new RecordedAlerts(), CLOCK);
    }
}
