package org.mashgateway.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The directory file exactly as a MASH admin writes it (see interfaces.md), before validation.
 * Enumerations are kept as text here so that a wrong value is refused with a message naming the
 * entry rather than a parser error; a {@code certificate} is one location or a list of them.
 */
record DirectoryYaml(
        List<ForceEntry> forces,
        List<CaseSystemEntry> caseSystems,
        List<AgencyEntry> agencies,
        List<SchoolEntry> schools) {

    DirectoryYaml {
        forces = forces == null ? List.of() : forces;
        caseSystems = caseSystems == null ? List.of() : caseSystems;
        agencies = agencies == null ? List.of() : agencies;
        schools = schools == null ? List.of() : schools;
    }

    record ForceEntry(String code, String name, List<String> certificate) {}

    record CaseSystemEntry(String code, String name, List<String> certificate) {}

    record AgencyEntry(
            String code,
            String name,
            @JsonProperty("class") String agencyClass,
            String channel,
            String email,
            List<String> certificate,
            String protection,
            Boolean gcm) {}

    record SchoolEntry(
            String urn, String name, String email, String deputyEmail, List<String> certificate, String protection) {}
}
