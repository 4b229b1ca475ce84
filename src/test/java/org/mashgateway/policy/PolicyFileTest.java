package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFileTest {

    private static final String ROOT = "/DomesticAbuseNotification";
    private static final String DEFAULT = PolicyFixtures.text("policy/sharing-policy.yaml");

    @Test
    void theShippedPolicyEncodesTheTableOfTheSharingRules() {
        LoadedPolicy policy = PolicyFixtures.defaultPolicy();

        assertThat(policy.version()).isEqualTo("2026.11-1");
        assertThat(policy.deadlines()).isEqualTo(Map.of(
                "HIGH", Duration.ofHours(24), "MEDIUM", Duration.ofHours(72), "STANDARD", Duration.ofDays(7)));
        assertThat(policy.rule(RecipientClass.SOCIAL_CARE).profile().id()).isEqualTo("social-care@1");
        assertThat(policy.rule(RecipientClass.HEALTH).profile().id()).isEqualTo("health@1");
        assertThat(policy.rule(RecipientClass.EDUCATION_WELFARE).profile().id()).isEqualTo("education-welfare@1");
        assertThat(policy.rule(RecipientClass.SCHOOL).profile().id()).isEqualTo("sdat@1");
    }

    @Test
    void eachProfileLetsThroughWhatTheRulesSayAndNothingElse() {
        LoadedPolicy policy = PolicyFixtures.defaultPolicy();
        SchemaFields schema = SchemaFields.daNotification();
        var everyField = schema.all().stream().filter(SchemaFields.Field::leaf).map(SchemaFields.Field::path).toList();

        assertThat(policy.rule(RecipientClass.SOCIAL_CARE).profile().fields()).containsExactlyInAnyOrderElementsOf(everyField);
        assertThat(everyField).filteredOn(path -> !policy.rule(RecipientClass.HEALTH).profile().allows(path))
                .containsExactly(ROOT + "/OfficerInCase/Phone");
        assertThat(everyField).filteredOn(path -> !policy.rule(RecipientClass.EDUCATION_WELFARE).profile().allows(path))
                .containsExactlyInAnyOrder(ROOT + "/OfficerInCase/Phone", ROOT + "/Victim/PncId", ROOT + "/Perpetrator/PncId");
        assertThat(policy.rule(RecipientClass.SCHOOL).profile().fields()).containsExactlyInAnyOrder(
                ROOT + "/Incident/DateTime", ROOT + "/Incident/Location/AddressLine", ROOT + "/Incident/Location/Postcode",
                ROOT + "/Child/Name/Given", ROOT + "/Child/Name/Family", ROOT + "/Child/DateOfBirth",
                ROOT + "/Child/WelfareCheck", ROOT + "/Perpetrator/Name/Given", ROOT + "/Perpetrator/Name/Family",
                ROOT + "/Victim/Name/Given", ROOT + "/Victim/Name/Family");
    }

    @Test
    void lawfulBasisAndHandlingInstructionsAreTheDefaultTextsOfTheRules() {
        LoadedPolicy policy = PolicyFixtures.defaultPolicy();
        String agencyBasis = "UK GDPR Art. 6(1)(e) public task; Art. 9(2)(g) substantial public interest (DPA 2018 Sch. 1"
                + " para 18, safeguarding of children and individuals at risk); Children Act 2004 s10/s11; Crime and"
                + " Disorder Act 1998 s115";

        assertThat(policy.rule(RecipientClass.HEALTH).lawfulBasis()).isEqualTo(agencyBasis);
        assertThat(policy.rule(RecipientClass.SCHOOL).lawfulBasis()).isEqualTo(agencyBasis + "; purpose limited to SDAT");
        assertThat(policy.rule(RecipientClass.SOCIAL_CARE).handlingInstruction()).isEqualTo("OFFICIAL-SENSITIVE. Shared"
                + " under the MASH Information Sharing Agreement for safeguarding purposes only. Do not disclose further"
                + " without the permission of the MASH.");
        assertThat(policy.rule(RecipientClass.SCHOOL).handlingInstruction()).isEqualTo("The content of this e-mail is"
                + " classified as OFFICIAL SENSITIVE under the Government Security Classification and is disclosed by"
                + " {force} for the purposes of \"SDAT\" only and is to be processed in accordance with the Information"
                + " Disclosure Agreement for SDAT. The content of this email is only to be further disclosed by secure"
                + " means to the Safeguarding Lead (Key Adult) at the child's school.");
    }

    @Test
    void everyFieldOfTheSchemaIsKnownToTheCatalogue() {
        SchemaFields schema = SchemaFields.daNotification();
        var police = PolicyFixtures.parsed(PolicyFixtures.resource("xml/valid/da-notification-every-optional.xml"));
        Profile nothing = new Profile("nothing", 1, "", java.util.List.of(ROOT + "/@version"));

        Minimiser.Minimised minimised = Minimiser.minimise(police.document(), nothing);

        assertThat(minimised.fieldsDropped()).allSatisfy(path ->
                assertThat(schema.field("/" + path)).hasValueSatisfying(field -> assertThat(field.leaf()).isTrue()));
        assertThat(schema.field(ROOT + "/Victim")).hasValueSatisfying(field -> assertThat(field.leaf()).isFalse());
        assertThat(schema.field(ROOT + "/OfficerInCase/Email").orElseThrow().required()).isTrue();
        assertThat(schema.field(ROOT + "/OfficerInCase/Phone").orElseThrow().required()).isFalse();
        assertThat(schema.field(ROOT + "/Perpetrator/RelationshipToVictim")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown recipient class    | '  SCHOOL:'                                          | '  PROBATION:\\n    profile: health\\n    lawfulBasis: agency-notification\\n    handlingInstruction: agency\\n  SCHOOL:' | recipientClasses.PROBATION: not a recipient class
        deadline not a duration    | 'HIGH: PT24H'                                        | 'HIGH: 24 hours'                                    | deadlines.HIGH: not an ISO 8601 duration
        path not in the schema     | '      - /DomesticAbuseNotification/Incident/DashScore' | '      - /DomesticAbuseNotification/Incident/DashScores' | profiles[0] (social-care).fields: /DomesticAbuseNotification/Incident/DashScores is not a field
        section instead of field   | '      - /DomesticAbuseNotification/Child/WelfareCheck\\n' | '      - /DomesticAbuseNotification/Child\\n'        | is a section, not a field
        path listed twice          | '      - /DomesticAbuseNotification/Incident/DashScore' | '      - /DomesticAbuseNotification/Incident/DashScore\\n      - /DomesticAbuseNotification/Incident/DashScore' | /DomesticAbuseNotification/Incident/DashScore is listed twice
        duplicate profile name     | '  - name: health'                                   | '  - name: social-care'                             | a second profile named social-care
        duplicate class key        | '  SCHOOL:'                                          | '  HEALTH:\\n    profile: health\\n  SCHOOL:'      | Duplicate Object property "HEALTH"
        required field left out    | '      - /DomesticAbuseNotification/OfficerInCase/Email\\n      - /DomesticAbuseNotification/OfficerInCase/Phone' | '      - /DomesticAbuseNotification/OfficerInCase/Phone' | recipientClasses.SOCIAL_CARE: profile social-care leaves out /DomesticAbuseNotification/OfficerInCase/Email
        unknown lawful basis name  | '    lawfulBasis: sdat'                               | '    lawfulBasis: schools'                           | recipientClasses.SCHOOL.lawfulBasis: no lawfulBasis text named schools
        version missing            | 'version: "2026.11-1"'                               | 'edition: "2026.11-1"'                              | Unrecognized property
        """)
    void aBrokenPolicyIsRefusedNamingTheEntry(String what, String find, String replace, String message) {
        String broken = replaceOnce(DEFAULT, find.replace("\\n", "\n"), replace.replace("\\n", "\n"));

        assertThatThrownBy(() -> PolicyFixtures.load(broken))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("sharing policy test-policy.yaml refused")
                .hasMessageContaining(message);
    }

    @Test
    void aSchoolProfileNeedNotCarryTheRequiredStructureOfTheEmbeddedDocument() {
        // sdat lists no NotificationId, OfficerInCase...: schools get a SchoolNotification, not the police document
        assertThat(PolicyFixtures.defaultPolicy().rule(RecipientClass.SCHOOL).profile().allows(ROOT + "/NotificationId"))
                .isFalse();
    }

    private static String replaceOnce(String text, String find, String replace) {
        int at = text.indexOf(find);
        assertThat(at).as("the policy holds %s", find).isNotNegative();
        return text.substring(0, at) + replace + text.substring(at + find.length());
    }

    static String withVersion(String version) {
        return DEFAULT.replaceFirst(Pattern.quote("version: \"2026.11-1\""), "version: \"" + version + "\"");
    }
}
