package org.mashgateway.reference;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Issues gateway references: {@code MGW-} and 26 Crockford base32 characters encoding a 128-bit
 * value from a secure random source, so a reference reveals nothing and cannot be guessed.
 *
 * <p>26 characters hold 130 bits; the value occupies the low 128, so the first character is always
 * one of {@code 0}–{@code 7}. Only the canonical upper-case form is issued and accepted.
 */
@Component
public class GatewayReferences {

    /** Crockford's base32 alphabet: no I, L, O or U, so references survive being read aloud. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    static final String PREFIX = "MGW-";

    static final int LENGTH = PREFIX.length() + 26;

    private static final Pattern WELL_FORMED =
            Pattern.compile("MGW-[0-7][0-9A-HJKMNP-TV-Z]{25}");

    /** One shared generator: SecureRandom is thread-safe, and reseeding per call buys nothing. */
    private final SecureRandom random;

    public GatewayReferences() {
        this(new SecureRandom());
    }

    GatewayReferences(SecureRandom random) {
        this.random = random;
    }

    /** A fresh reference; distinct from every other with overwhelming probability (2^-64 at 2^32 issued). */
    public String next() {
        return encode(random.nextLong(), random.nextLong());
    }

    /** Whether {@code candidate} has exactly the shape of a reference this gateway issues. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    /** Encodes the 128-bit value {@code high:low} as 26 base32 digits, most significant first. */
    static String encode(long high, long low) {
        char[] out = new char[LENGTH];
        PREFIX.getChars(0, PREFIX.length(), out, 0);
        for (int digit = 0; digit < 26; digit++) {
            int shift = 125 - 5 * digit;
            out[PREFIX.length() + digit] = ALPHABET.charAt(fiveBitsAt(high, low, shift));
        }
        return new String(out);
    }

    /** The five bits of {@code high:low} starting at bit {@code shift}; bits above 127 read as zero. */
    private static int fiveBitsAt(long high, long low, int shift) {
        long bits;
        if (shift >= 64) {
            bits = high >>> (shift - 64);
        } else if (shift > 59) {
            bits = (low >>> shift) | (high << (64 - shift));
        } else {
            bits = low >>> shift;
        }
        return (int) (bits & 0x1F);
    }
}
