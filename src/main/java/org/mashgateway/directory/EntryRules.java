package org.mashgateway.directory;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules every directory entry must meet before the gateway relies on it. A broken value is
 * refused with a message naming the entry and the field; the value itself is never repeated,
 * since an address or a mistyped cell could hold personal data and messages end up in alerts.
 */
final class EntryRules {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,10}");
    private static final Pattern URN = Pattern.compile("[0-9]{6}");
    private static final int LONGEST_NAME = 200;
    private static final int LONGEST_EMAIL = 254;

    private EntryRules() {}

    static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    static boolean isUrn(String urn) {
        return urn != null && URN.matcher(urn).matches();
    }

    static String requireName(String entry, String name) {
        if (name == null || name.isBlank()) {
            throw new DirectoryLoadException(entry + ": name is missing");
        }
        if (name.length() > LONGEST_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new DirectoryLoadException(
                    entry + ": name is longer than " + LONGEST_NAME + " characters or holds control characters");
        }
        return name.strip();
    }

    /** A bare address (no display name), syntactically valid, with no CR, LF or other control character. */
    static String requireEmail(String entry, String field, String email) {
        if (email == null || email.isBlank()) {
            throw new DirectoryLoadException(entry + ": " + field + " is missing");
        }
        if (!isEmail(email)) {
            throw new DirectoryLoadException(entry + ": " + field + " is not a valid e-mail address");
        }
        return email;
    }

    static String optionalEmail(String entry, String field, String email) {
        return email == null || email.isBlank() ? null : requireEmail(entry, field, email);
    }

    static boolean isEmail(String email) {
        if (email.length() > LONGEST_EMAIL || email.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return false;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(email, true);
            parsed.validate();
            return email.equals(parsed.getAddress()) && parsed.getPersonal() == null;
        } catch (AddressException invalid) {
            return false;
        }
    }

    /** {@code smime} (the default when absent) or {@code tls}, in any case. */
    static Protection protection(String entry, String value) {
        if (value == null || value.isBlank()) {
            return Protection.SMIME;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "smime" -> Protection.SMIME;
            case "tls" -> Protection.TLS;
            default -> throw new DirectoryLoadException(entry + ": protection must be smime or tls");
        };
    }

    static <E extends Enum<E>> E requireEnum(String entry, String field, String value, Class<E> type) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.strip())) {
                    return constant;
                }
            }
        }
        throw new DirectoryLoadException(entry + ": " + field + " must be one of "
                + Arrays.toString(type.getEnumConstants()));
    }
}
