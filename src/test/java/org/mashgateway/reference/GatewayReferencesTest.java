package org.mashgateway.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayReferencesTest {

    private final GatewayReferences references = new GatewayReferences();

    @Test
    void aReferenceIsMgwAndTwentySixCrockfordCharacters() {
        String reference = references.next();

        assertThat(reference).hasSize(30).startsWith("MGW-");
        assertThat(reference.substring(4)).matches("[0123456789ABCDEFGHJKMNPQRSTVWXYZ]{26}");
        assertThat(GatewayReferences.isWellFormed(reference)).isTrue();
    }

    @Test
    void encodingIsTheBase32FormOfTheUnsigned128BitValue() {
        Random seeded = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            long high = seeded.nextLong();
            long low = seeded.nextLong();
            BigInteger value = new BigInteger(1, toBytes(high, low));

            String digits = GatewayReferences.encode(high, low).substring(4);

            assertThat(crockfordToBigInteger(digits)).isEqualTo(value);
        }
        assertThat(GatewayReferences.encode(0, 0)).isEqualTo("MGW-" + "0".repeat(26));
        assertThat(GatewayReferences.encode(-1, -1)).isEqualTo("MGW-7" + "Z".repeat(25));
    }

    @Test
    void noReferenceRepeatsOverAHundredThousand() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(references.next())).isTrue();
        }
    }

    @Test
    void everyPositionUsesTheWholeAlphabetAndTheFirstOnlyItsLowEightDigits() {
        BitSet[] used = new BitSet[26];
        for (int p = 0; p < 26; p++) {
            used[p] = new BitSet(32);
        }
        for (int i = 0; i < 100_000; i++) {
            String digits = references.next().substring(4);
            for (int p = 0; p < 26; p++) {
                used[p].set(GatewayReferences.ALPHABET.indexOf(digits.charAt(p)));
            }
        }

        assertThat(used[0].cardinality()).isEqualTo(8);
        assertThat(used[0].nextSetBit(8)).isEqualTo(-1);
        for (int p = 1; p < 26; p++) {
            assertThat(used[p].cardinality()).as("position %d", p).isEqualTo(32);
        }
    }

    @Test
    void referencesComeFromTheSecureRandomSource() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public long nextLong() {
                return 0;
            }
        };

        assertThat(new GatewayReferences(fixed).next()).isEqualTo("MGW-" + "0".repeat(26));
    }

    @Test
    void malformedReferencesAreRecognised() {
        String good = references.next();

        assertThat(GatewayReferences.isWellFormed(null)).isFalse();
        assertThat(GatewayReferences.isWellFormed("")).isFalse();
        assertThat(GatewayReferences.isWellFormed(good.toLowerCase())).isFalse();
        assertThat(GatewayReferences.isWellFormed(good + "0")).isFalse();
        assertThat(GatewayReferences.isWellFormed(good.substring(0, 29))).isFalse();
        assertThat(GatewayReferences.isWellFormed("MGX-" + good.substring(4))).isFalse();
        assertThat(GatewayReferences.isWellFormed("MGW-8" + good.substring(5))).isFalse();
        for (char excluded : new char[] {'I', 'L', 'O', 'U'}) {
            assertThat(GatewayReferences.isWellFormed(good.substring(0, 29) + excluded)).isFalse();
        }
    }

    private static byte[] toBytes(long high, long low) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static BigInteger crockfordToBigInteger(String digits) {
        BigInteger value = BigInteger.ZERO;
        for (char c : digits.toCharArray()) {
            value = value.shiftLeft(5).add(BigInteger.valueOf(GatewayReferences.ALPHABET.indexOf(c)));
        }
        return value;
    }
}
