package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashgateway.xml.RejectionReason.CLASSIFICATION_NOT_PERMITTED;
import static org.mashgateway.xml.RejectionReason.INVALID_NHS_NUMBER;
import static org.mashgateway.xml.RejectionReason.SCHEMA_INVALID;
import static org.mashgateway.xml.RejectionReason.UNKNOWN_DOCUMENT;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of messages.md, broken once in an otherwise valid document. */
class SchemaRulesTest {

    private static final String DA = "samples/da-notification-high.xml";
    private static final String WITHDRAWAL = "samples/notification-withdrawal.xml";
    private static final String REQUEST = "samples/information-request.xml";
    private static final String RESPONSE = "samples/information-response.xml";
    private static final String ACK = "samples/acknowledgement.xml";
    private static final String SCHOOL = "xml/valid/school-notification.xml";
    private static final String SCHOOL_WITHDRAWAL = "xml/valid/school-notification-withdrawal.xml";
    private static final String AGENCY = "xml/valid/agency-notification.xml";
    private static final String AGENCY_WITHDRAWAL = "xml/valid/agency-notification-withdrawal.xml";

    private static final String CHILD = """
              <Child id="c%d">
                <Name><Given>Kid</Given><Family>Sample</Family></Name>
                <DateOfBirth>2016-03-14</DateOfBirth>
                <PresentAtIncident>true</PresentAtIncident>
                <WelfareCheck>true</WelfareCheck>
              </Child>
            """;

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("a name with a digit", DA, "<Given>Jane</Given>", "<Given>Jane2</Given>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Victim/Name/Given", "Given: value does not match the pattern for a Name"),
                broken("a name with a leading space", DA, "<Given>Jane</Given>", "<Given> Jane</Given>",
                        SCHEMA_INVALID, "Given", "Given: value does not match the pattern for a Name"),
                broken("a name with a comma", DA, "<Family>Sample</Family>", "<Family>Sample, Jr</Family>",
                        SCHEMA_INVALID, "Family", "Family: value does not match the pattern for a Name"),
                broken("an empty name", DA, "<Given>Jane</Given>", "<Given></Given>",
                        SCHEMA_INVALID, "Given", "Given: value does not match the pattern for a Name"),
                broken("a name longer than 100 characters", DA, "<Given>Jane</Given>", "<Given>" + "A".repeat(101) + "</Given>",
                        SCHEMA_INVALID, "Given", "Given: longer than 100 characters"),
                broken("four given names", DA, "<Given>Jane</Given>", "<Given>Jane</Given><Given>Ann</Given><Given>Mary</Given><Given>Sue</Given>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Victim/Name/Given[4]", "Given: too many; Name allows at most 3, then expects Family"),
                broken("a carriage return in a name", DA, "<Given>Jane</Given>", "<Given>Ja&#13;ne</Given>",
                        SCHEMA_INVALID, "Given", "Given: value does not match the pattern for a Name"),
                broken("a line feed in a name", DA, "<Given>Jane</Given>", "<Given>Ja\nne</Given>",
                        SCHEMA_INVALID, "Given", "Given: value does not match the pattern for a Name"),
                broken("a tab in a name", DA, "<Family>Sample</Family>", "<Family>Sam&#9;ple</Family>",
                        SCHEMA_INVALID, "Family", "Family: value does not match the pattern for a Name"),
                broken("a C1 control character in a name", DA, "<Given>Jane</Given>", "<Given>Ja&#x85;ne</Given>",
                        SCHEMA_INVALID, "Given", "Given: value does not match the pattern for a Name"),
                broken("a line feed in a single-line text", DA, "Derbyshire Constabulary", "Derbyshire&#10;Constabulary",
                        SCHEMA_INVALID, "SendingForce", "SendingForce: line breaks, tabs and other control characters are not allowed"),
                broken("a delete character in an address line", DA, "<AddressLine>Derby</AddressLine>", "<AddressLine>Der&#x7F;by</AddressLine>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Incident/Location/AddressLine[2]", "AddressLine: line breaks"),
                broken("a date-time without a time zone", DA, "<CreatedAt>2026-11-20T23:05:00Z</CreatedAt>", "<CreatedAt>2026-11-20T23:05:00</CreatedAt>",
                        SCHEMA_INVALID, "CreatedAt", "CreatedAt: a date-time must be yyyy-mm-ddThh:mm:ss and carry a time zone (Z or +hh:mm)"),
                broken("a date-time that is no date", DA, "<CreatedAt>2026-11-20T23:05:00Z</CreatedAt>", "<CreatedAt>2026-13-40T23:05:00Z</CreatedAt>",
                        SCHEMA_INVALID, "CreatedAt", "CreatedAt: a date-time must"),
                broken("a date with a time zone", DA, "<DateOfBirth>1991-05-02</DateOfBirth>", "<DateOfBirth>1991-05-02Z</DateOfBirth>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Victim/DateOfBirth", "DateOfBirth: a date must be yyyy-mm-dd without a time zone"),
                broken("a date with an offset", DA, "<DateOfBirth>2016-03-14</DateOfBirth>", "<DateOfBirth>2016-03-14+01:00</DateOfBirth>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Child/DateOfBirth", "DateOfBirth: a date must be yyyy-mm-dd"),
                broken("a postcode that is not a UK postcode", DA, "<Postcode>DE1 1AA</Postcode>", "<Postcode>DE1 1A</Postcode>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Incident/Location/Postcode", "Postcode: not a UK postcode"),
                broken("a lower-case postcode", DA, "<Postcode>DE1 1AA</Postcode>", "<Postcode>de1 1aa</Postcode>",
                        SCHEMA_INVALID, "Postcode", "Postcode: not a UK postcode"),
                broken("six address lines", DA, "<AddressLine>Derby</AddressLine>",
                        "<AddressLine>Derby</AddressLine><AddressLine>3</AddressLine><AddressLine>4</AddressLine><AddressLine>5</AddressLine><AddressLine>6</AddressLine>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Incident/Location/AddressLine[6]", "AddressLine: too many; Location allows at most 5, then expects Postcode"),
                broken("an address line over 120 characters", DA, "<AddressLine>Derby</AddressLine>", "<AddressLine>" + "x".repeat(121) + "</AddressLine>",
                        SCHEMA_INVALID, "AddressLine[2]", "AddressLine: longer than 120 characters"),
                broken("an unknown risk level", DA, "<RiskLevel>HIGH</RiskLevel>", "<RiskLevel>VERY_HIGH</RiskLevel>",
                        SCHEMA_INVALID, "RiskLevel", "RiskLevel: not one of the permitted values: STANDARD, MEDIUM, HIGH"),
                broken("a DASH score of 28", DA, "<DashScore>16</DashScore>", "<DashScore>28</DashScore>",
                        SCHEMA_INVALID, "DashScore", "DashScore: greater than the maximum 27"),
                broken("a negative DASH score", DA, "<DashScore>16</DashScore>", "<DashScore>-1</DashScore>",
                        SCHEMA_INVALID, "DashScore", "DashScore: less than the minimum 0"),
                broken("a DASH score that is no number", DA, "<DashScore>16</DashScore>", "<DashScore>high</DashScore>",
                        SCHEMA_INVALID, "DashScore", "DashScore: must be a whole number"),
                broken("a boolean that is neither true nor false", DA, "<WeaponUsed>false</WeaponUsed>", "<WeaponUsed>no</WeaponUsed>",
                        SCHEMA_INVALID, "WeaponUsed", "WeaponUsed: must be true or false"),
                broken("an unknown gender", DA, "<Gender>FEMALE</Gender>", "<Gender>F</Gender>",
                        SCHEMA_INVALID, "Gender", "Gender: not one of the permitted values: FEMALE, MALE, OTHER, UNKNOWN"),
                broken("a NotificationId without the force code", DA, "<NotificationId>DERBYS-DA-2026-004211</NotificationId>",
                        "<NotificationId>derbys_DA_2026</NotificationId>",
                        SCHEMA_INVALID, "NotificationId", "NotificationId: must be the force code"),
                broken("a missing required element", DA, "<CollarNumber>4411</CollarNumber>", "",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/OfficerInCase/Email", "Email: unexpected element here; expected CollarNumber"),
                broken("a missing last element", DA, "<OfficerInCase>\n    <Name>PC 4411 Patel</Name>\n    <CollarNumber>4411</CollarNumber>\n"
                        + "    <Email>pc4411@police.example</Email>\n    <Phone>101</Phone>\n  </OfficerInCase>", "",
                        SCHEMA_INVALID, "/DomesticAbuseNotification", "DomesticAbuseNotification: incomplete; missing one of: Child, OfficerInCase"),
                broken("an incomplete element", WITHDRAWAL, "<Reason>Notification sent in error: the incident was recorded against the wrong household.</Reason>", "",
                        SCHEMA_INVALID, "/NotificationWithdrawal", "NotificationWithdrawal: incomplete; missing Reason"),
                broken("elements in the wrong order", DA, "<SendingForce code=\"DERBYS\">Derbyshire Constabulary</SendingForce>\n  <Classification>OFFICIAL-SENSITIVE</Classification>",
                        "<Classification>OFFICIAL-SENSITIVE</Classification>\n  <SendingForce code=\"DERBYS\">Derbyshire Constabulary</SendingForce>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Classification", "Classification: unexpected element here; expected one of: Supersedes, SendingForce"),
                broken("an unknown extra element", DA, "<CriticalRegister>true</CriticalRegister>", "<CriticalRegister>true</CriticalRegister><Notes>x</Notes>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Incident/Notes", "Notes: unexpected element here"),
                broken("an element from another namespace", DA, "<WeaponUsed>false</WeaponUsed>", "<WeaponUsed xmlns=\"urn:example:other\">false</WeaponUsed>",
                        SCHEMA_INVALID, "WeaponUsed", "WeaponUsed: unexpected element here"),
                broken("text among elements", DA, "<Incident>", "<Incident>loose text",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Incident", "Incident: text is not allowed here"),
                broken("an element inside a value", DA, "<RiskLevel>HIGH</RiskLevel>", "<RiskLevel><High/></RiskLevel>",
                        SCHEMA_INVALID, "RiskLevel", "RiskLevel: must hold text only, not elements"),
                broken("a root in another version of the namespace", DA, "urn:mash-gateway:da-notification:1", "urn:mash-gateway:da-notification:2",
                        UNKNOWN_DOCUMENT, "/DomesticAbuseNotification",
                        "DomesticAbuseNotification in namespace urn:mash-gateway:da-notification:2 is not a gateway document"),
                broken("a root in no namespace", ACK, " xmlns=\"urn:mash-gateway:acknowledgement:1\"", "",
                        UNKNOWN_DOCUMENT, "/Acknowledgement", "Acknowledgement (no namespace) is not a gateway document"),
                broken("an unknown root", ACK, "<Acknowledgement xmlns", "<Receipt xmlns",
                        UNKNOWN_DOCUMENT, "/Receipt", "Receipt in namespace urn:mash-gateway:acknowledgement:1 is not a gateway document"),
                broken("a missing version", DA, "da-notification:1\" version=\"1.0\"", "da-notification:1\"",
                        SCHEMA_INVALID, "/DomesticAbuseNotification", "DomesticAbuseNotification: attribute version is required"),
                broken("a wrong version", ACK, "acknowledgement:1\" version=\"1.0\"", "acknowledgement:1\" version=\"2.0\"",
                        SCHEMA_INVALID, "/Acknowledgement", "Acknowledgement/@version: not one of the permitted values: 1.0"),
                broken("an unknown attribute", DA, "<Victim id=\"v1\">", "<Victim id=\"v1\" risk=\"x\">",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Victim", "Victim: attribute risk is not allowed"),
                broken("a missing id", DA, "<Victim id=\"v1\">", "<Victim>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Victim", "Victim: attribute id is required"),
                broken("an id used twice", DA, "<Child id=\"c1\">", "<Child id=\"v1\">",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Child", "Child/@id: the same id is used more than once"),
                broken("a SECRET marking", DA, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>SECRET</Classification>",
                        CLASSIFICATION_NOT_PERMITTED, "/DomesticAbuseNotification/Classification",
                        "Classification: only OFFICIAL or OFFICIAL-SENSITIVE are accepted; the gateway is not accredited above OFFICIAL"),
                broken("a TOP SECRET marking", DA, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>TOP SECRET</Classification>",
                        CLASSIFICATION_NOT_PERMITTED, "Classification", "Classification: only OFFICIAL or OFFICIAL-SENSITIVE are accepted"),
                broken("a SECRET marking on a withdrawal", WITHDRAWAL, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>SECRET</Classification>",
                        CLASSIFICATION_NOT_PERMITTED, "/NotificationWithdrawal/Classification", "Classification: only OFFICIAL or OFFICIAL-SENSITIVE"),
                broken("a TOP SECRET marking on a request", REQUEST, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>TOP SECRET</Classification>",
                        CLASSIFICATION_NOT_PERMITTED, "Classification", "Classification: only OFFICIAL or OFFICIAL-SENSITIVE"),
                broken("a SECRET marking on a response", RESPONSE, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>SECRET</Classification>",
                        CLASSIFICATION_NOT_PERMITTED, "Classification", "Classification: only OFFICIAL or OFFICIAL-SENSITIVE"),
                broken("a marking hidden in a child element", DA, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification><Level>SECRET</Level></Classification>",
                        CLASSIFICATION_NOT_PERMITTED, "Classification", "Classification: must hold text only"),
                broken("a SECRET marking inside an agency notification", AGENCY, "<Classification>OFFICIAL-SENSITIVE</Classification>\n    <CreatedAt>",
                        "<Classification>SECRET</Classification>\n    <CreatedAt>",
                        CLASSIFICATION_NOT_PERMITTED, "/AgencyNotification/DomesticAbuseNotification/Classification", "Classification: only OFFICIAL"),
                broken("an OFFICIAL marking on a school notification", SCHOOL, "<Classification>OFFICIAL-SENSITIVE</Classification>", "<Classification>OFFICIAL</Classification>",
                        CLASSIFICATION_NOT_PERMITTED, "Classification", "Classification: must be OFFICIAL-SENSITIVE on every document the gateway emits"),
                broken("an NHS number with a wrong check digit", DA, "<Phone>07700 900123</Phone>", "<Phone>07700 900123</Phone><NhsNumber>9434765918</NhsNumber>",
                        INVALID_NHS_NUMBER, "/DomesticAbuseNotification/Victim/NhsNumber", "NhsNumber: the check digit is wrong (modulus 11)"),
                broken("an NHS number that cannot have a check digit", DA, "<Gender>MALE</Gender>\n    <PresentAtIncident>",
                        "<Gender>MALE</Gender>\n    <NhsNumber>1234567890</NhsNumber><PresentAtIncident>",
                        INVALID_NHS_NUMBER, "/DomesticAbuseNotification/Child[2]/NhsNumber", "NhsNumber: the check digit is wrong"),
                broken("an NHS number with spaces", DA, "<Phone>07700 900123</Phone>", "<Phone>07700 900123</Phone><NhsNumber>943 476 5919</NhsNumber>",
                        SCHEMA_INVALID, "NhsNumber", "NhsNumber: an NHS number is 10 digits without spaces"),
                broken("a school URN of 5 digits", DA, "urn=\"100001\"", "urn=\"10001\"",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Child/School", "School/@urn: a DfE URN is exactly 6 digits"),
                broken("21 children", DA, "<OfficerInCase>", childrenFrom(3, 21) + "<OfficerInCase>",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Child[21]", "Child: too many; DomesticAbuseNotification allows at most 20, then expects OfficerInCase"),
                broken("11 victims", DA, "<Perpetrator id=\"p1\">", victims(10) + "<Perpetrator id=\"p1\">",
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Victim[11]", "Victim: too many; DomesticAbuseNotification allows at most 10"),
                broken("circumstances over 8000 characters", DA, "Verbal argument escalated;", "x".repeat(8000),
                        SCHEMA_INVALID, "/DomesticAbuseNotification/Incident/Circumstances", "Circumstances: longer than 8000 characters"),
                broken("a withdrawal reason over 2000 characters", WITHDRAWAL, "Notification sent in error", "y".repeat(2000),
                        SCHEMA_INVALID, "Reason", "Reason: longer than 2000 characters"),
                broken("a question over 4000 characters", REQUEST, "Please share", "z".repeat(4000),
                        SCHEMA_INVALID, "Question", "Question: longer than 4000 characters"),
                broken("an unknown purpose", REQUEST, "<Purpose>S47_STRATEGY</Purpose>", "<Purpose>CURIOSITY</Purpose>",
                        SCHEMA_INVALID, "Purpose", "Purpose: not one of the permitted values: S47_STRATEGY, S17_ASSESSMENT, DA_TRIAGE, ADULT_S42_ENQUIRY"),
                broken("an unknown subject role", REQUEST, "role=\"CHILD\"", "role=\"NEIGHBOUR\"",
                        SCHEMA_INVALID, "/InformationRequest/Subject", "Subject/@role: not one of the permitted values"),
                broken("a fact flag that is no boolean", RESPONSE, "fact=\"true\"", "fact=\"maybe\"",
                        SCHEMA_INVALID, "Item", "Item/@fact: must be true or false"),
                broken("an item date with a time zone", RESPONSE, "recorded=\"2026-01-10\"", "recorded=\"2026-01-10Z\"",
                        SCHEMA_INVALID, "Item", "Item/@recorded: a date must be yyyy-mm-dd without a time zone"),
                broken("a refused consent without a rationale", RESPONSE,
                        "<Consent>NOT_SOUGHT</Consent>\n      <LawfulBasis>Children Act 1989 s47</LawfulBasis>\n      <Rationale>Seeking consent could place the child at increased risk of harm.</Rationale>",
                        "<Consent>REFUSED</Consent>\n      <LawfulBasis>Children Act 1989 s47</LawfulBasis>",
                        SCHEMA_INVALID, "/InformationResponse/SubjectResponse/SharingDecision", "SharingDecision: a Rationale is required"),
                broken("a gateway reference with letters Crockford leaves out", ACK, "MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0K", "MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0I",
                        SCHEMA_INVALID, "/Acknowledgement/Reference", "Reference: a gateway reference is MGW- followed by 26 Crockford base32 characters"),
                broken("a gateway reference one character short", ACK, "MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0K", "MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0",
                        SCHEMA_INVALID, "Reference", "Reference: a gateway reference"),
                broken("a school withdrawal that carries the child", SCHOOL_WITHDRAWAL, "<Classification>OFFICIAL-SENSITIVE</Classification>",
                        "<Classification>OFFICIAL-SENSITIVE</Classification><Child><Name><Given>Amy</Given><Family>Sample</Family></Name><DateOfBirth>2016-03-14</DateOfBirth></Child>",
                        SCHEMA_INVALID, "/SchoolNotification", "SchoolNotification: a WITHDRAWAL must not carry Child"),
                broken("a school withdrawal without Replaces", SCHOOL_WITHDRAWAL, "<Replaces>MGW-01J9Z8Y7X6W5V4T3S2R1Q0P9NM</Replaces>", "",
                        SCHEMA_INVALID, "/SchoolNotification", "SchoolNotification: a WITHDRAWAL must carry Replaces"),
                broken("a school notification without the child", SCHOOL, "<Child>\n    <Name><Given>Amy</Given><Family>Sample</Family></Name>\n    <DateOfBirth>2016-03-14</DateOfBirth>\n  </Child>", "",
                        SCHEMA_INVALID, "/SchoolNotification", "SchoolNotification: a NOTIFICATION must carry Child"),
                broken("a school notification that replaces", SCHOOL, "<Kind>NOTIFICATION</Kind>", "<Kind>NOTIFICATION</Kind><Replaces>MGW-0123456789ABCDEFGHJKMNPQRS</Replaces>",
                        SCHEMA_INVALID, "/SchoolNotification", "SchoolNotification: a NOTIFICATION must not carry Replaces"),
                broken("a school notification with the risk level", SCHOOL, "<WelfareCheckMade>true</WelfareCheckMade>", "<WelfareCheckMade>true</WelfareCheckMade><RiskLevel>HIGH</RiskLevel>",
                        SCHEMA_INVALID, "/SchoolNotification/RiskLevel", "RiskLevel: unexpected element here; expected SafeguardingContact"),
                broken("a school contact link that is not https", SCHOOL, "https://procedures.example/derby", "http://procedures.example/derby",
                        SCHEMA_INVALID, "ProceduresUrl", "ProceduresUrl: must be an https:// URL"),
                broken("an agency correction without the police document", AGENCY_WITHDRAWAL, "<Kind>WITHDRAWAL</Kind>", "<Kind>CORRECTION</Kind>",
                        SCHEMA_INVALID, "/AgencyNotification", "AgencyNotification: a CORRECTION must carry the DomesticAbuseNotification"),
                broken("an agency notification with an invalid embedded document", AGENCY, "<RiskLevel>HIGH</RiskLevel>", "<RiskLevel>SEVERE</RiskLevel>",
                        SCHEMA_INVALID, "/AgencyNotification/DomesticAbuseNotification/Incident/RiskLevel", "RiskLevel: not one of the permitted values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void aDocumentBreakingOneRuleIsRefusedNamingTheElementAndRule(String rule, String base, String from, String to,
            RejectionReason reason, String element, String message) {
        String original = Fixtures.text(base);
        assertThat(original).as("the fixture still holds what the test replaces").contains(from);
        String broken = original.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));

        DocumentRejectedException rejected = Fixtures.rejectionOf(broken);

        assertThat(rejected.reason()).as(rejected.errors().toString()).isEqualTo(reason);
        assertThat(rejected.errors()).as(rejected.errors().toString())
                .anySatisfy(error -> {
                    assertThat(error.element()).endsWith(element);
                    assertThat(error.message()).startsWith(message);
                    assertThat(error.line()).isPositive();
                    assertThat(error.column()).isPositive();
                });
    }

    private static Arguments broken(String rule, String base, String from, String to, RejectionReason reason,
            String element, String message) {
        return Arguments.of(rule, base, from, to, reason, element, message);
    }

    private static String childrenFrom(int first, int last) {
        StringBuilder children = new StringBuilder();
        for (int i = first; i <= last; i++) {
            children.append(CHILD.formatted(i));
        }
        return children.toString();
    }

    private static String victims(int count) {
        StringBuilder victims = new StringBuilder();
        for (int i = 2; i <= count + 1; i++) {
            victims.append("<Victim id=\"vx").append(i).append("\"><Name><Given>Vic</Given><Family>Sample</Family></Name></Victim>");
        }
        return victims.toString();
    }
}
