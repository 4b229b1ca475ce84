package org.mashgateway.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns a person's name and date of birth into the subject key the decision record holds instead
 * of the person: HMAC-SHA256 under a gateway secret, so the record can be searched for a subject
 * access request but a name cannot be recovered from it, nor confirmed by hashing guesses without
 * the secret.
 *
 * <p>Names are normalised first (Unicode NFC, case-folded, typographic apostrophes and dashes made
 * plain, whitespace collapsed), so "Siân O’Brien" and "SIÂN  o'brien" give the same key. Given
 * names are passed as one string, separated by spaces, in document order.
 *
 * <p>The secret comes from {@code mash.audit.subject-key} (Base64, at least 32 bytes). Outside the
 * demo the gateway does not start without one of its own (config.PublishedSecretsGuard); keep it
 * for as long as the audit trail is kept: a different secret gives different keys, and earlier
 * records can then no longer be found by subject.
 */
@Component
public class SubjectKeys {

    /**
     * The demo and test secret, used when {@code mash.audit.subject-key} is not set. It is public in
     * this source code, so the gateway refuses it outside the demo.
     */
    public static final String DEMO_SUBJECT_KEY = "ZGVtby1vbmx5LW1hc2gtZ2F0ZXdheS1zdWJqZWN0LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=";

    private static final int MIN_KEY_BYTES = 32;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern APOSTROPHES = Pattern.compile("[\\u2018\\u2019\\u02BC\\u2032`´]");
    private static final Pattern DASHES = Pattern.compile("[\\u2010\\u2011\\u2012\\u2013\\u2014\\u2212]");

    private final SecretKeySpec key;

    public SubjectKeys(@Value("${mash.audit.subject-key:" + DEMO_SUBJECT_KEY + "}") String base64Key) {
        byte[] secret = Base64.getDecoder().decode(base64Key.strip());
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("mash.audit.subject-key must decode to at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The subject key (64 lower-case hex characters) for this person. */
    public String keyFor(String givenNames, String familyName, LocalDate dateOfBirth) {
        if (givenNames == null || familyName == null || dateOfBirth == null) {
            throw new IllegalArgumentException("given names, family name and date of birth are all required");
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        // Length-prefixed, so ("Ann Marie", "Lee") and ("Ann", "Marie Lee") differ.
        writeField(message, normalised(givenNames));
        writeField(message, normalised(familyName));
        writeField(message, dateOfBirth.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.toByteArray()));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** The form a name is keyed in; package-visible so tests can show what is treated as equal. */
    static String normalised(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFC);
        text = APOSTROPHES.matcher(text).replaceAll("'");
        text = DASHES.matcher(text).replaceAll("-");
        // Upper then lower approximates Unicode case folding: ß and SS meet, as do final and medial sigma.
        text = text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static void writeField(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }
}
