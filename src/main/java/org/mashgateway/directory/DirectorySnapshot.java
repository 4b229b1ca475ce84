package org.mashgateway.directory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One complete, validated directory: what is in force between two loads. Immutable, and replaced
 * whole, so a reader sees either the old directory or the new one, never half of each. Look-ups
 * by code, URN and certificate are single map reads.
 */
final class DirectorySnapshot {

    private final List<Force> forces;
    private final List<CaseSystem> caseSystems;
    private final List<Agency> agencies;
    private final List<School> schools;
    private final Map<String, Force> forcesByCode;
    private final Map<String, CaseSystem> caseSystemsByCode;
    private final Map<String, Agency> agenciesByCode;
    private final Map<String, School> schoolsByUrn;
    private final Map<String, Caller> callersByFingerprint;
    private final int schoolsFromCsv;

    private DirectorySnapshot(Builder builder) {
        forcesByCode = Collections.unmodifiableMap(new LinkedHashMap<>(builder.forces));
        caseSystemsByCode = Collections.unmodifiableMap(new LinkedHashMap<>(builder.caseSystems));
        agenciesByCode = Collections.unmodifiableMap(new LinkedHashMap<>(builder.agencies));
        schoolsByUrn = Collections.unmodifiableMap(new LinkedHashMap<>(builder.schools));
        forces = List.copyOf(forcesByCode.values());
        caseSystems = List.copyOf(caseSystemsByCode.values());
        agencies = List.copyOf(agenciesByCode.values());
        schools = List.copyOf(schoolsByUrn.values());
        callersByFingerprint = Map.copyOf(builder.callers);
        schoolsFromCsv = builder.schoolsFromCsv;
    }

    /** Lower-case hex SHA-256 of the certificate's DER encoding: how callers are recognised and certificates named. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException unencodable) {
            throw new IllegalArgumentException("certificate cannot be encoded", unencodable);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime provides SHA-256", impossible);
        }
    }

    Optional<Caller> callerFor(X509Certificate certificate) {
        if (certificate == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(callersByFingerprint.get(fingerprint(certificate)));
        } catch (IllegalArgumentException unencodable) {
            return Optional.empty();
        }
    }

    Optional<Force> force(String code) {
        return Optional.ofNullable(code == null ? null : forcesByCode.get(code));
    }

    Optional<CaseSystem> caseSystem(String code) {
        return Optional.ofNullable(code == null ? null : caseSystemsByCode.get(code));
    }

    Optional<Agency> agency(String code) {
        return Optional.ofNullable(code == null ? null : agenciesByCode.get(code));
    }

    Optional<School> school(String urn) {
        return Optional.ofNullable(urn == null ? null : schoolsByUrn.get(urn));
    }

    List<Force> forces() {
        return forces;
    }

    List<CaseSystem> caseSystems() {
        return caseSystems;
    }

    List<Agency> agencies() {
        return agencies;
    }

    List<School> schools() {
        return schools;
    }

    /** Every certificate of every entry whose validity ends at or before {@code limit}, soonest first. */
    List<ExpiringCertificate> expiringBy(Instant limit, Instant now) {
        List<ExpiringCertificate> found = new ArrayList<>();
        forces.forEach(f -> collect(found, DirectoryEntryKind.FORCE, f.code(), f.certificates(), limit, now));
        caseSystems.forEach(
                c -> collect(found, DirectoryEntryKind.CASE_SYSTEM, c.code(), c.certificates(), limit, now));
        agencies.forEach(a -> collect(found, DirectoryEntryKind.AGENCY, a.code(), a.certificates(), limit, now));
        schools.forEach(s -> collect(found, DirectoryEntryKind.SCHOOL, s.urn(), s.certificates(), limit, now));
        found.sort(Comparator.comparing(ExpiringCertificate::notAfter)
                .thenComparing(ExpiringCertificate::kind)
                .thenComparing(ExpiringCertificate::code));
        return List.copyOf(found);
    }

    private static void collect(List<ExpiringCertificate> found, DirectoryEntryKind kind, String code,
            List<X509Certificate> certificates, Instant limit, Instant now) {
        for (X509Certificate certificate : certificates) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (!notAfter.isAfter(limit)) {
                boolean expired = !notAfter.isAfter(now);
                found.add(new ExpiringCertificate(kind, code, notAfter, fingerprint(certificate), expired));
            }
        }
    }

    /** Counts only, for logs and the admin console. */
    String summary() {
        return forces.size() + " forces, " + caseSystems.size() + " case systems, " + agencies.size()
                + " agencies, " + schools.size() + " schools (" + schoolsFromCsv + " from the schools CSV)";
    }

    /**
     * Collects entries, refusing a second entry with the same code or URN and a certificate
     * registered to two callers.
     */
    static final class Builder {

        private final Map<String, Force> forces = new LinkedHashMap<>();
        private final Map<String, CaseSystem> caseSystems = new LinkedHashMap<>();
        private final Map<String, Agency> agencies = new LinkedHashMap<>();
        private final Map<String, School> schools = new LinkedHashMap<>();
        private final Map<String, String> codeHolders = new HashMap<>();
        private final Map<String, String> certificateHolders = new HashMap<>();
        private final Map<String, Caller> callers = new HashMap<>();
        private final Set<String> yamlSchools = new HashSet<>();
        private int schoolsFromCsv;

        Builder add(String entry, Force force) {
            claimCode(entry, force.code());
            forces.put(force.code(), force);
            registerCaller(entry, new Caller(CallerKind.FORCE, force.code()), force.certificates());
            return this;
        }

        Builder add(String entry, CaseSystem caseSystem) {
            claimCode(entry, caseSystem.code());
            caseSystems.put(caseSystem.code(), caseSystem);
            registerCaller(entry, new Caller(CallerKind.CASE_SYSTEM, caseSystem.code()), caseSystem.certificates());
            return this;
        }

        Builder add(String entry, Agency agency) {
            claimCode(entry, agency.code());
            agencies.put(agency.code(), agency);
            registerCaller(entry, new Caller(CallerKind.AGENCY, agency.code()), agency.certificates());
            return this;
        }

        Builder add(String entry, School school, boolean fromCsv) {
            if (schools.putIfAbsent(school.urn(), school) != null) {
                throw new DirectoryLoadException(entry + ": URN " + school.urn() + " is listed twice");
            }
            if (fromCsv) {
                schoolsFromCsv++;
            } else {
                yamlSchools.add(school.urn());
            }
            return this;
        }

        /** The YAML wins over the CSV: a CSV row for a school the YAML lists is passed over. */
        boolean hasYamlSchool(String urn) {
            return yamlSchools.contains(urn);
        }

        DirectorySnapshot build() {
            return new DirectorySnapshot(this);
        }

        /** Codes are unique across kinds: each one is also a broker user and a queue name. */
        private void claimCode(String entry, String code) {
            String holder = codeHolders.putIfAbsent(code, entry);
            if (holder != null) {
                throw new DirectoryLoadException(entry + ": code " + code + " is already used by " + holder);
            }
        }

        private void registerCaller(String entry, Caller caller, List<X509Certificate> certificates) {
            for (X509Certificate certificate : certificates) {
                String fingerprint = fingerprint(certificate);
                Caller existing = callers.putIfAbsent(fingerprint, caller);
                if (existing != null && !existing.equals(caller)) {
                    throw new DirectoryLoadException(entry + ": certificate " + fingerprint.substring(0, 16)
                            + "… is already registered to " + certificateHolders.get(fingerprint)
                            + "; one certificate identifies one caller");
                }
                certificateHolders.putIfAbsent(fingerprint, entry);
            }
        }
    }
}
