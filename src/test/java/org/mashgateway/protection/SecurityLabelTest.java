package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeUtility;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.Test;

class SecurityLabelTest {

    private static final SecurityLabel OFFICIAL_SENSITIVE =
            SecurityLabel.officialSensitive(SecurityLabel.PLACEHOLDER_POLICY_OID);

    @Test
    void sioLabelHeaderCarriesTheMarkingAndTheDerEssLabel() {
        String unfolded = MimeUtility.unfold(OFFICIAL_SENSITIVE.sioLabel());

        assertThat(unfolded).isEqualTo("marking=\"OFFICIAL-SENSITIVE\"; type=\":ess\"; "
                + "label=\"MSMCAQIGCisGAQQBg8wIAQEMEk9GRklDSUFMLVNFTlNJVElWRQ==\"");
    }

    @Test
    void sioLabelHeaderIsFoldedToFitAMailHeaderLine() {
        String header = SecurityLabel.SIO_LABEL_HEADER + ": " + OFFICIAL_SENSITIVE.sioLabel();

        assertThat(header.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void essLabelIsADerSetThatDecodesToTheSameLabel() throws Exception {
        byte[] der = OFFICIAL_SENSITIVE.essEncoded();

        assertThat(der[0]).isEqualTo((byte) 0x31);
        assertThat(EssSecurityLabel.getInstance(ASN1Primitive.fromByteArray(der)).label()).isEqualTo(OFFICIAL_SENSITIVE);
    }

    @Test
    void labelWithoutClassificationOrMarkingEncodesOnlyThePolicy() throws Exception {
        SecurityLabel policyOnly = new SecurityLabel("1.2.3.4", -1, null);

        assertThat(Base64.getEncoder().encodeToString(policyOnly.essEncoded())).isEqualTo("MQUGAyoDBA==");
        assertThat(MimeUtility.unfold(policyOnly.sioLabel())).isEqualTo("type=\":ess\"; label=\"MQUGAyoDBA==\"");
    }

    @Test
    void classificationOutsideTheEssRangeIsRefused() {
        assertThatThrownBy(() -> new SecurityLabel("1.2.3.4", 257, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
