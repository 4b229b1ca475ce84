package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convention: a refusal names elements and rules but never repeats a value of the document, since
 * values are personal data and refusals reach logs, problem responses and quarantine records.
 * Each document below carries a distinctive bad value; it must appear in no error and in no
 * exception message.
 */
class ErrorMessagesNeverQuoteValuesTest {

    private static final String DA = "samples/da-notification-high.xml";
    private static final String RESPONSE = "samples/information-response.xml";
    private static final String ACK = "samples/acknowledgement.xml";

    static Stream<Arguments> documentsWithDistinctiveBadValues() {
        return Stream.of(
                bad(DA, "<Given>Jane</Given>", "<Given>QzxvJane7</Given>", "QzxvJane7"),
                bad(DA, "<Family>Sample</Family>", "<Family>Qzxv" + "a".repeat(120) + "</Family>", "Qzxvaaaa"),
                bad(DA, "<Given>Jane</Given>", "<Given>Qzxv&#10;Jane</Given>", "Qzxv"),
                bad(DA, "<CreatedAt>2026-11-20T23:05:00Z</CreatedAt>", "<CreatedAt>2031-07-19T04:58:17</CreatedAt>", "2031-07-19"),
                bad(DA, "<CreatedAt>2026-11-20T23:05:00Z</CreatedAt>", "<CreatedAt>Qzxv-11-20</CreatedAt>", "Qzxv"),
                bad(DA, "<DateOfBirth>1991-05-02</DateOfBirth>", "<DateOfBirth>1957-08-23Z</DateOfBirth>", "1957-08-23"),
                bad(DA, "<Postcode>DE1 1AA</Postcode>", "<Postcode>QZXV 9ZZ</Postcode>", "QZXV 9ZZ"),
                bad(DA, "<AddressLine>Derby</AddressLine>", "<AddressLine>Qzxv&#x85;Street</AddressLine>", "Qzxv"),
                bad(DA, "<AddressLine>Derby</AddressLine>", "<AddressLine>Qzxv" + "b".repeat(130) + "</AddressLine>", "Qzxvbbbb"),
                bad(DA, "<RiskLevel>HIGH</RiskLevel>", "<RiskLevel>QZXVRISK</RiskLevel>", "QZXVRISK"),
                bad(DA, "<DashScore>16</DashScore>", "<DashScore>9876543</DashScore>", "9876543"),
                bad(DA, "<DashScore>16</DashScore>", "<DashScore>qzxv</DashScore>", "qzxv"),
                bad(DA, "<WeaponUsed>false</WeaponUsed>", "<WeaponUsed>qzxvbool</WeaponUsed>", "qzxvbool"),
                bad(DA, "<NotificationId>DERBYS-DA-2026-004211</NotificationId>", "<NotificationId>qzxv-id!</NotificationId>", "qzxv"),
                bad(DA, "<SendingForce code=\"DERBYS\">", "<SendingForce code=\"qzxv\">", "qzxv"),
                bad(DA, "urn=\"100001\"", "urn=\"QZXV12\"", "QZXV12"),
                bad(DA, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>SECRET QZXV</Classification>", "QZXV"),
                bad(DA, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>OFFICIAL-SENSITIVE<Qzxv>x</Qzxv></Classification>", "x</"),
                bad(DA, "<Phone>07700 900123</Phone>", "<Phone>07700 900123</Phone><NhsNumber>9434765918</NhsNumber>", "9434765918"),
                bad(DA, "<Phone>07700 900123</Phone>", "<Phone>QZXV phone</Phone>", "QZXV"),
                bad(DA, "<Ethnicity>W1</Ethnicity>", "<Ethnicity>QZXV</Ethnicity>", "QZXV"),
                bad(DA, "<Email>pc4411@police.example</Email>", "<Email>qzxv-not-an-email</Email>", "qzxv"),
                bad(DA, "<PncId>88/123456X</PncId>", "<PncId>QZXV/1</PncId>", "QZXV"),
                bad(DA, "Verbal argument escalated;", "Qzxv" + "c".repeat(8000), "Qzxvcccc"),
                bad(DA, "<Child id=\"c1\">", "<Child id=\"v1\">", "id=\"v1"),
                bad(DA, "<Victim id=\"v1\">", "<Victim id=\"9qzxv\">", "9qzxv"),
                bad(DA, "<Victim id=\"v1\">", "<Victim id=\"v1\" risk=\"qzxv-attr\">", "qzxv"),
                bad(DA, "da-notification:1\" version=\"1.0\"", "da-notification:1\" version=\"qzxv\"", "qzxv"),
                bad(DA, "<Incident>", "<Incident>qzxvtext", "qzxvtext"),
                bad(DA, "<CriticalRegister>true</CriticalRegister>", "<CriticalRegister>true</CriticalRegister><Notes>qzxvcontent</Notes>", "qzxvcontent"),
                bad(DA, "<Given>Jane</Given>", "<Given>QzxvBroken</Given", "QzxvBroken"),
                bad(DA, "<Given>Jane</Given>", "<Given>&qzxvent;</Given>", "qzxvent"),
                bad(DA, "<Given>Jane</Given>", "<Given>Qzxv&#1;</Given>", "Qzxv"),
                bad(DA, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE x [<!ENTITY qzxv \"qzxv\">]>", "qzxv"),
                bad(DA, "<WeaponUsed>false</WeaponUsed>", "<x:Weapon xmlns:x=\"urn:qzxv' is expected. One of 'qzxv\">false</x:Weapon>", "qzxv"),
                bad(RESPONSE, "recorded=\"2026-01-10\"", "recorded=\"qzxv-date\"", "qzxv"),
                bad(RESPONSE, "category=\"GP\"", "category=\"Qzxv&#10;GP\"", "Qzxv"),
                bad(ACK, "<Reference>MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0K</Reference>", "<Reference>MGW-QZXVQZXVQZXV</Reference>", "QZXV"),
                bad(ACK, "<AcknowledgedAt>2026-11-21T07:45:00Z</AcknowledgedAt>", "<AcknowledgedAt>qzxv</AcknowledgedAt>", "qzxv"),
                bad(ACK, "<AcknowledgedBy>CSC</AcknowledgedBy>", "<AcknowledgedBy>qzxv csc</AcknowledgedBy>", "qzxv"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("documentsWithDistinctiveBadValues")
    void noRefusalQuotesTheValueThatBrokeTheRule(String base, String from, String to, String distinctive) {
        String original = Fixtures.text(base);
        assertThat(original).contains(from);
        String broken = original.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));

        DocumentRejectedException rejected = Fixtures.rejectionOf(broken);

        assertThat(rejected.errors()).isNotEmpty();
        assertThat(rejected.getMessage()).doesNotContainIgnoringCase(distinctive);
        for (XmlError error : rejected.errors()) {
            assertThat(error.message()).as(error.toString()).doesNotContainIgnoringCase(distinctive);
            assertThat(error.element()).as(error.toString()).doesNotContainIgnoringCase(distinctive);
        }
    }

    private static Arguments bad(String base, String from, String to, String distinctive) {
        return Arguments.of(base, from, to, distinctive);
    }
}
