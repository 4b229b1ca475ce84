package org.mashgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    private static final LocalDate DOB = LocalDate.of(2015, 1, 31);

    private final SubjectKeys demo = new SubjectKeys(SubjectKeys.DEMO_SUBJECT_KEY);

    @Test
    void theSamePersonWrittenDifferentlyHasOneKey() {
        String key = demo.keyFor("Siân Ní", "O'Brien-Test", DOB);

        assertThat(demo.keyFor("SIÂN  NÍ", "o’brien‐test", DOB)).isEqualTo(key);
        assertThat(demo.keyFor(" Sia\u0302n\tNi\u0301 ", "O'BRIEN-TEST", DOB)).isEqualTo(key);
        assertThat(key).matches("[0-9a-f]{64}");
    }

    @Test
    void aDifferentNameOrBirthDateHasADifferentKey() {
        String key = demo.keyFor("Siân", "O'Brien-Test", DOB);

        assertThat(demo.keyFor("Sian", "O'Brien-Test", DOB)).isNotEqualTo(key);
        assertThat(demo.keyFor("Siân", "OBrien-Test", DOB)).isNotEqualTo(key);
        assertThat(demo.keyFor("Siân", "O'Brien-Test", DOB.plusDays(1))).isNotEqualTo(key);
    }

    @Test
    void movingAWordBetweenGivenAndFamilyNameChangesTheKey() {
        assertThat(demo.keyFor("Ann Marie", "Lee", DOB)).isNotEqualTo(demo.keyFor("Ann", "Marie Lee", DOB));
    }

    @Test
    void theKeyIsAnHmacUnderTheConfiguredSecretNotAPlainHash() throws Exception {
        byte[] secret = new byte[32];
        secret[0] = 1;
        SubjectKeys own = new SubjectKeys(Base64.getEncoder().encodeToString(secret));

        String key = own.keyFor("Lee", "Example", DOB);

        assertThat(key).isNotEqualTo(demo.keyFor("Lee", "Example", DOB));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] message = {0, 0, 0, 3, 'l', 'e', 'e', 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
            0, 0, 0, 10, '2', '0', '1', '5', '-', '0', '1', '-', '3', '1'};
        assertThat(key).isEqualTo(java.util.HexFormat.of().formatHex(mac.doFinal(message)));
    }

    @Test
    void normalisationFoldsCaseAndCollapsesWhitespace() {
        assertThat(SubjectKeys.normalised("  STRAßE \u00A0 Nguyễn ")).isEqualTo("strasse nguyễn");
    }

    @Test
    void aSecretShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> new SubjectKeys(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mash.audit.subject-key");
    }
}
