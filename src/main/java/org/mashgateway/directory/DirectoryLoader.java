package org.mashgateway.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mashgateway.directory.CertificateFiles.Parsed;
import org.mashgateway.directory.DirectorySource.FileStamp;
import org.mashgateway.directory.DirectoryYaml.AgencyEntry;
import org.mashgateway.directory.DirectoryYaml.CaseSystemEntry;
import org.mashgateway.directory.DirectoryYaml.ForceEntry;
import org.mashgateway.directory.DirectoryYaml.SchoolEntry;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns the directory YAML and the optional schools CSV into a validated {@link DirectorySnapshot},
 * or refuses them with a {@link DirectoryLoadException} naming the file and the entry. Not thread
 * safe: its owner loads under one lock.
 */
final class DirectoryLoader {

    private static final ObjectReader YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build()
            .readerFor(DirectoryYaml.class);

    private final DirectorySource directory;
    private final DirectorySource schoolsCsv;
    private Map<String, Parsed> parsedCertificates = Map.of();
    private Map<Path, FileStamp> readStamps = Map.of();

    /**
     * @param directoryLocation the YAML ({@code mash.directory})
     * @param schoolsCsvLocation the schools CSV ({@code mash.directory.schools-csv}), blank for none
     */
    DirectoryLoader(String directoryLocation, String schoolsCsvLocation) {
        this.directory = DirectorySource.of(directoryLocation.strip());
        this.schoolsCsv = schoolsCsvLocation == null || schoolsCsvLocation.isBlank()
                ? null
                : DirectorySource.of(schoolsCsvLocation.strip());
    }

    /** Reads and validates everything afresh; on success the certificates parsed are kept for the next load. */
    DirectorySnapshot load() {
        Map<Path, FileStamp> stamps = new LinkedHashMap<>();
        try {
            CertificateFiles certificates = new CertificateFiles(parsedCertificates, stamps);
            DirectorySnapshot.Builder builder = new DirectorySnapshot.Builder();
            DirectoryYaml yaml = readYaml(stamps);
            try {
                addYaml(yaml, certificates, builder);
            } catch (DirectoryLoadException refused) {
                throw new DirectoryLoadException(directory.location() + ": " + refused.getMessage(), refused);
            }
            if (schoolsCsv != null) {
                record(schoolsCsv, stamps);
                new SchoolsCsv(schoolsCsv, certificates).addTo(builder);
            }
            DirectorySnapshot snapshot = builder.build();
            parsedCertificates = certificates.parsed();
            return snapshot;
        } finally {
            readStamps = Map.copyOf(stamps);
        }
    }

    /**
     * The files the last load read (directory, CSV, certificate files on disk) with the stamps they
     * had then; comparing them with {@link FileStamp#of} now tells whether anything changed.
     */
    Map<Path, FileStamp> readStamps() {
        return readStamps;
    }

    private DirectoryYaml readYaml(Map<Path, FileStamp> stamps) {
        record(directory, stamps);
        DirectoryYaml yaml;
        try (InputStream in = directory.open()) {
            byte[] content = in.readAllBytes();
            yaml = isBlank(content) ? null : YAML.readValue(content);
        } catch (JacksonException e) {
            throw new DirectoryLoadException(directory.location() + ": " + describe(e));
        } catch (IOException e) {
            throw new DirectoryLoadException(
                    directory.location() + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (yaml == null) {
            throw new DirectoryLoadException(directory.location() + ": the directory file is empty");
        }
        return yaml;
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static void record(DirectorySource source, Map<Path, FileStamp> stamps) {
        source.stamp().ifPresent(stamp -> stamps.put(source.path(), stamp));
    }

    /**
     * Where the parser stopped and the first line of why, without the quoted source line that
     * SnakeYAML would add: the file may hold addresses.
     */
    private static String describe(JacksonException e) {
        StringBuilder message = new StringBuilder();
        if (!e.getPath().isEmpty()) {
            message.append("at ").append(pathOf(e)).append(' ');
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append("(line ").append(location.getLineNr())
                    .append(", column ").append(location.getColumnNr()).append(") ");
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException syntax) {
                return message.append(syntax.getContext() == null ? "" : syntax.getContext() + ": ")
                        .append(syntax.getProblem()).toString();
            }
        }
        String reason = e.getOriginalMessage() == null
                ? "unreadable"
                : e.getOriginalMessage().lines().findFirst().orElse("");
        return message.append(reason).toString();
    }

    private static String pathOf(JacksonException mapping) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : mapping.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
        }
        return path.toString();
    }

    /** Entries are named by kind, code or URN and list position; the caller adds the file name. */
    private static void addYaml(DirectoryYaml yaml, CertificateFiles certificates, DirectorySnapshot.Builder builder) {
        for (int i = 0; i < yaml.forces().size(); i++) {
            ForceEntry entry = nonNull("forces", i, yaml.forces().get(i));
            String name = codedEntry("force", "forces", i, entry.code());
            builder.add(name, new Force(entry.code(), EntryRules.requireName(name, entry.name()),
                    certificates(entry.certificate(), name, certificates)));
        }
        for (int i = 0; i < yaml.caseSystems().size(); i++) {
            CaseSystemEntry entry = nonNull("caseSystems", i, yaml.caseSystems().get(i));
            String name = codedEntry("case system", "caseSystems", i, entry.code());
            builder.add(name, new CaseSystem(entry.code(), EntryRules.requireName(name, entry.name()),
                    certificates(entry.certificate(), name, certificates)));
        }
        for (int i = 0; i < yaml.agencies().size(); i++) {
            AgencyEntry entry = nonNull("agencies", i, yaml.agencies().get(i));
            String name = codedEntry("agency", "agencies", i, entry.code());
            builder.add(name, agency(entry, name, certificates));
        }
        for (int i = 0; i < yaml.schools().size(); i++) {
            SchoolEntry entry = nonNull("schools", i, yaml.schools().get(i));
            String name = "school" + (EntryRules.isUrn(entry.urn()) ? " " + entry.urn() : "")
                    + " (schools[" + i + "])";
            if (!EntryRules.isUrn(entry.urn())) {
                throw new DirectoryLoadException(name + ": urn must be exactly 6 digits, in quotes");
            }
            builder.add(name, new School(
                    entry.urn(),
                    EntryRules.requireName(name, entry.name()),
                    EntryRules.requireEmail(name, "email", entry.email()),
                    EntryRules.optionalEmail(name, "deputyEmail", entry.deputyEmail()),
                    certificates(entry.certificate(), name, certificates),
                    EntryRules.protection(name, entry.protection())), false);
        }
    }

    private static Agency agency(AgencyEntry entry, String name, CertificateFiles certificates) {
        Channel channel = EntryRules.requireEnum(name, "channel", entry.channel(), Channel.class);
        String email = channel == Channel.EMAIL
                ? EntryRules.requireEmail(name, "email", entry.email())
                : EntryRules.optionalEmail(name, "email", entry.email());
        return new Agency(
                entry.code(),
                EntryRules.requireName(name, entry.name()),
                EntryRules.requireEnum(name, "class", entry.agencyClass(), AgencyClass.class),
                channel,
                email,
                certificates(entry.certificate(), name, certificates),
                EntryRules.protection(name, entry.protection()),
                entry.gcm() == null || entry.gcm());
    }

    private static <T> T nonNull(String list, int index, T entry) {
        if (entry == null) {
            throw new DirectoryLoadException(list + "[" + index + "] is empty");
        }
        return entry;
    }

    /** The entry's name for messages: its code once the code is known to be well formed, its position always. */
    private static String codedEntry(String kind, String list, int index, String code) {
        String position = list + "[" + index + "]";
        if (!EntryRules.isCode(code)) {
            throw new DirectoryLoadException(
                    kind + " " + position + ": code must be 2 to 10 capital letters or digits");
        }
        return kind + " " + code + " (" + position + ")";
    }

    static List<X509Certificate> certificates(List<String> locations, String entry, CertificateFiles files) {
        if (locations == null) {
            return List.of();
        }
        List<X509Certificate> certificates = new ArrayList<>(locations.size());
        for (String location : locations) {
            certificates.add(files.read(location, entry));
        }
        return certificates;
    }
}
