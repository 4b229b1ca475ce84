package org.mashgateway.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory of a simulated area, written as an operator writes it: one force, the three
 * agencies, a YAML listing the few schools with a deputy address, and a GIAS-style CSV of every
 * other school. Schools share the two demo school certificates (the directory reads a shared file
 * once), so that a simulated school can open its mail with that certificate's key.
 */
final class SimulatedArea {

    /** The first URN of the area's schools; URNs below it are schools the directory does not know. */
    static final int FIRST_URN = 200_000;
    static final String[] SCHOOL_IDENTITIES = {"school-100001", "school-100002"};
    static final String DEPUTY_DOMAIN = "deputy.example";

    private final int schools;
    private final int withDeputy;

    SimulatedArea(int schools) {
        this.schools = schools;
        this.withDeputy = Math.max(1, schools / 100);
    }

    int schools() {
        return schools;
    }

    String urn(int index) {
        return String.valueOf(FIRST_URN + index);
    }

    /** The demo identity whose key opens mail to the school {@code urn}. */
    static String identityOf(String urn) {
        return SCHOOL_IDENTITIES[Integer.parseInt(urn) % SCHOOL_IDENTITIES.length];
    }

    /** Writes {@code directory.yaml} and {@code schools.csv} into {@code dir}; returns the YAML's path. */
    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Path certs = Path.of("certs-example").toAbsolutePath();
            List<String> yaml = new ArrayList<>(List.of(
                    "# Written by the deadline simulation (SimulatedArea): made-up organisations.",
                    "forces:",
                    "  - code: DERBYS",
                    "    name: Derbyshire Constabulary",
                    "    certificate: file:" + certs.resolve("police-DERBYS.crt"),
                    "caseSystems:",
                    "  - code: MASH",
                    "    name: Simulated MASH case system",
                    "    certificate: file:" + certs.resolve("casework.crt"),
                    "agencies:"));
            for (String[] agency : new String[][] {{"CSC", "SOCIAL_CARE"}, {"HEALTH", "HEALTH"}, {"EWS", "EDUCATION_WELFARE"}}) {
                yaml.addAll(List.of(
                        "  - code: " + agency[0],
                        "    name: Simulated " + agency[0],
                        "    class: " + agency[1],
                        "    channel: EMAIL",
                        "    email: " + agency[0].toLowerCase() + "@agency.example",
                        "    certificate: file:" + certs.resolve("agency-" + agency[0] + ".crt")));
            }
            yaml.add("schools:");
            for (int i = 0; i < withDeputy; i++) {
                String urn = urn(i);
                yaml.addAll(List.of(
                        "  - urn: \"" + urn + "\"",
                        "    name: Simulated School " + urn,
                        "    email: dsl-" + urn + "@school.example",
                        "    deputyEmail: deputy-" + urn + "@" + DEPUTY_DOMAIN,
                        "    certificate: file:" + certs.resolve(identityOf(urn) + ".crt"),
                        "    protection: smime"));
            }
            Files.write(dir.resolve("directory.yaml"), yaml, StandardCharsets.UTF_8);
            try (Writer csv = Files.newBufferedWriter(dir.resolve("schools.csv"), StandardCharsets.UTF_8)) {
                csv.write("URN,EstablishmentName,SafeguardingEmail,CertificateFile,Protection,TypeOfEstablishment\n");
                for (int i = withDeputy; i < schools; i++) {
                    String urn = urn(i);
                    csv.write(urn + ",\"Simulated School " + urn + ", Ward " + (i % 97) + "\",dsl-" + urn
                            + "@school.example,file:" + certs.resolve(identityOf(urn) + ".crt") + ",smime,"
                            + (i % 3 == 0 ? "Academy converter" : "Community school") + "\n");
                }
            }
            return dir.resolve("directory.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
