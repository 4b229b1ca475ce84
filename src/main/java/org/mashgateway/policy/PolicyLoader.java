package org.mashgateway.policy;

import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mashgateway.policy.PolicyFile.ClassEntry;
import org.mashgateway.policy.PolicyFile.ProfileEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and validates the sharing policy file into a {@link LoadedPolicy}, or refuses it with a
 * {@link PolicyLoadException} naming the entry at fault. A file is taken whole or not at all.
 *
 * <p>Besides the shape (known recipient classes, the three risk levels, ISO-8601 durations, texts
 * the documents can carry, no duplicate names), every profile path must be a value-holding field
 * or attribute of the current DomesticAbuseNotification schema, and a profile used for an agency
 * class must list every field the schema requires wherever it keeps the section around it: the
 * agency document embeds the minimised police document, which must stay schema-valid. So an
 * unusable profile is refused here, when staff change the file, not when a notification arrives.
 */
final class PolicyLoader {

    static final List<String> RISK_LEVELS = List.of("HIGH", "MEDIUM", "STANDARD");

    private static final ObjectReader YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(PolicyFile.class);

    /** The decision record's shape for a policy version. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.:+-]{1,64}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
    private static final int MAX_LAWFUL_BASIS = 1000;
    private static final int MAX_HANDLING_INSTRUCTION = 2000;

    private final SchemaFields schema;

    PolicyLoader(SchemaFields schema) {
        this.schema = schema;
    }

    LoadedPolicy load(String location, InputStream in) {
        PolicyFile file;
        try {
            file = YAML.readValue(in);
        } catch (JacksonIOException e) {
            throw refused(location, "the file", "cannot be read");
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw refused(location, at == null ? "the file" : "line " + at.getLineNr(),
                    "not a readable policy (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (file == null) {
            throw refused(location, "the file", "is empty");
        }
        return validate(location, file);
    }

    private LoadedPolicy validate(String location, PolicyFile file) {
        List<String> problems = new ArrayList<>();
        if (file.version() == null || !VERSION.matcher(file.version()).matches()) {
            problems.add("version: required, letters, digits and . _ : + - only (e.g. 2026.11-1)");
        }
        Map<String, Duration> deadlines = deadlines(file.deadlines(), problems);
        Map<String, String> lawfulBasis = texts("lawfulBasis", file.lawfulBasis(), MAX_LAWFUL_BASIS, problems);
        Map<String, String> handling =
                texts("handlingInstructions", file.handlingInstructions(), MAX_HANDLING_INSTRUCTION, problems);
        Map<String, Profile> profiles = profiles(file.profiles(), problems);
        Map<RecipientClass, LoadedPolicy.ClassRule> classes = new EnumMap<>(RecipientClass.class);
        Map<String, ClassEntry> entries = file.recipientClasses() == null ? Map.of() : file.recipientClasses();
        for (String name : entries.keySet()) {
            if (!isRecipientClass(name)) {
                problems.add("recipientClasses." + name + ": not a recipient class (known: SOCIAL_CARE, HEALTH,"
                        + " EDUCATION_WELFARE, SCHOOL)");
            }
        }
        for (RecipientClass recipientClass : RecipientClass.values()) {
            String entryName = "recipientClasses." + recipientClass;
            ClassEntry entry = entries.get(recipientClass.name());
            if (entry == null) {
                problems.add(entryName + ": missing; every recipient class must be given its profile");
                continue;
            }
            Profile profile = profiles.get(entry.profile());
            String basis = lawfulBasis.get(entry.lawfulBasis());
            String instruction = handling.get(entry.handlingInstruction());
            if (profile == null) {
                problems.add(entryName + ".profile: no profile named " + entry.profile());
            } else if (recipientClass.isAgencyClass()) {
                requiredFieldsKept(entryName, profile, problems);
            } else {
                schoolFieldsCarried(entryName, profile, problems);
            }
            if (basis == null) {
                problems.add(entryName + ".lawfulBasis: no lawfulBasis text named " + entry.lawfulBasis());
            }
            if (instruction == null) {
                problems.add(entryName + ".handlingInstruction: no handling instruction named "
                        + entry.handlingInstruction());
            }
            if (profile != null && basis != null && instruction != null) {
                classes.put(recipientClass, new LoadedPolicy.ClassRule(profile, basis, instruction));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyLoadException("sharing policy " + location + " refused: " + String.join("; ", problems));
        }
        return new LoadedPolicy(file.version(), deadlines, classes);
    }

    private static Map<String, Duration> deadlines(Map<String, String> written, List<String> problems) {
        Map<String, Duration> deadlines = new LinkedHashMap<>();
        Map<String, String> entries = written == null ? Map.of() : written;
        for (String level : entries.keySet()) {
            if (!RISK_LEVELS.contains(level)) {
                problems.add("deadlines." + level + ": not a risk level (HIGH, MEDIUM, STANDARD)");
            }
        }
        for (String level : RISK_LEVELS) {
            String value = entries.get(level);
            if (value == null) {
                problems.add("deadlines." + level + ": missing");
                continue;
            }
            try {
                Duration deadline = Duration.parse(value);
                if (deadline.isNegative() || deadline.isZero()) {
                    problems.add("deadlines." + level + ": must be longer than zero");
                } else {
                    deadlines.put(level, deadline);
                }
            } catch (DateTimeParseException notIso) {
                problems.add("deadlines." + level + ": not an ISO 8601 duration such as PT24H or P7D");
            }
        }
        return deadlines;
    }

    private static Map<String, String> texts(String section, Map<String, String> written, int maxLength,
            List<String> problems) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (written == null) {
            problems.add(section + ": missing");
            return texts;
        }
        written.forEach((name, text) -> {
            if (text == null || text.isBlank() || text.length() > maxLength
                    || text.chars().anyMatch(Character::isISOControl)) {
                problems.add(section + "." + name + ": must be 1.." + maxLength + " characters on one line");
            } else {
                texts.put(name, text.strip());
            }
        });
        return texts;
    }

    private Map<String, Profile> profiles(List<ProfileEntry> entries, List<String> problems) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        if (entries == null || entries.isEmpty()) {
            problems.add("profiles: missing");
            return profiles;
        }
        for (int i = 0; i < entries.size(); i++) {
            ProfileEntry entry = entries.get(i);
            String name = entry == null ? null : entry.name();
            String entryName = "profiles[" + i + "]" + (name == null ? "" : " (" + name + ")");
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(entryName + ".name: required, lower-case letters, digits and hyphens");
                continue;
            }
            if (profiles.containsKey(name)) {
                problems.add(entryName + ": a second profile named " + name);
                continue;
            }
            if (entry.version() == null || entry.version() < 1) {
                problems.add(entryName + ".version: required, a whole number from 1");
            }
            List<String> fields = entry.fields() == null ? List.of() : entry.fields();
            if (fields.isEmpty()) {
                problems.add(entryName + ".fields: a profile must list at least one field");
            }
            Set<String> seen = new HashSet<>();
            for (String path : fields) {
                if (path == null || !seen.add(path)) {
                    problems.add(entryName + ".fields: " + path + " is listed twice");
                    continue;
                }
                schema.field(path).ifPresentOrElse(field -> {
                    if (!field.leaf()) {
                        problems.add(entryName + ".fields: " + path + " is a section, not a field: list the fields"
                                + " inside it that may go");
                    }
                }, () -> problems.add(entryName + ".fields: " + path
                        + " is not a field of the DomesticAbuseNotification schema"));
            }
            profiles.put(name, new Profile(name, entry.version() == null ? 0 : entry.version(),
                    entry.description() == null ? "" : entry.description().strip(), fields));
        }
        return profiles;
    }

    /**
     * An agency receives the police document itself, so wherever a profile keeps a section, every
     * field the schema requires in that section must be kept too.
     */
    private void requiredFieldsKept(String entryName, Profile profile, List<String> problems) {
        for (SchemaFields.Field field : schema.all()) {
            if (!field.required() || field.path().equals(SchemaFields.ROOT_PATH) || !kept(profile, field.parent())) {
                continue;
            }
            boolean kept = field.leaf() ? profile.allows(field.path()) : kept(profile, field.path());
            if (!kept) {
                problems.add(entryName + ": profile " + profile.name() + " leaves out " + field.path()
                        + ", which the schema requires whenever " + field.parent() + " is sent");
            }
        }
    }

    /**
     * A school receives a SchoolNotification built from the profile's fields, not the police
     * document: the profile may list only fields that document has a place for, and must list every
     * one it requires.
     */
    private static void schoolFieldsCarried(String entryName, Profile profile, List<String> problems) {
        for (String path : profile.fields()) {
            if (!SchoolNotificationBuilder.CARRIED_FIELDS.contains(path)) {
                problems.add(entryName + ": profile " + profile.name() + " lists " + path
                        + ", which the SchoolNotification (messages.md section 3) has no place for");
            }
        }
        for (String path : SchoolNotificationBuilder.CARRIED_FIELDS) {
            if (!path.equals(SchoolNotificationBuilder.OPTIONAL_FIELD) && !profile.allows(path)) {
                problems.add(entryName + ": profile " + profile.name() + " leaves out " + path
                        + ", which every SchoolNotification requires");
            }
        }
    }

    /** A section is sent when the root, or when any listed field lies inside it. */
    private static boolean kept(Profile profile, String section) {
        if (section.equals(SchemaFields.ROOT_PATH)) {
            return true;
        }
        return profile.fields().stream().anyMatch(path -> path.startsWith(section + "/"));
    }

    private static boolean isRecipientClass(String name) {
        for (RecipientClass recipientClass : RecipientClass.values()) {
            if (recipientClass.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static PolicyLoadException refused(String location, String entry, String problem) {
        return new PolicyLoadException("sharing policy " + location + " refused: " + entry + ": " + problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
