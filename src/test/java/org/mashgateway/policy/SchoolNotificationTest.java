package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mashgateway.broker.FixedDirectory;
import org.mashgateway.directory.Protection;
import org.mashgateway.directory.School;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.ParsedDocument;
import org.w3c.dom.Node;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.DifferenceEvaluator;
import org.xmlunit.diff.DifferenceEvaluators;

/** The SDAT part of the sharing plan: which children's schools are told, and exactly what they are told. */
class SchoolNotificationTest {

    private static final String SAMPLE = "samples/da-notification-high.xml";
    private static final String SDAT_INSTRUCTION = "The content of this e-mail is classified as OFFICIAL SENSITIVE under"
            + " the Government Security Classification and is disclosed by Derbyshire Constabulary for the purposes of"
            + " \"SDAT\" only and is to be processed in accordance with the Information Disclosure Agreement for SDAT."
            + " The content of this email is only to be further disclosed by secure means to the Safeguarding Lead"
            + " (Key Adult) at the child's school.";

    /** {@code ${reference}} in an expected document matches any well-formed gateway reference. */
    private static final DifferenceEvaluator REFERENCE_PLACEHOLDER = (comparison, outcome) -> {
        Node control = comparison.getControlDetails().getTarget();
        Node test = comparison.getTestDetails().getTarget();
        if (outcome != ComparisonResult.EQUAL && control != null && test != null
                && control.getNodeType() == Node.TEXT_NODE && "${reference}".equals(control.getNodeValue())
                && GatewayReferences.isWellFormed(test.getNodeValue())) {
            return ComparisonResult.EQUAL;
        }
        return outcome;
    };

    private final PolicyFixtures.RecordedAlerts alerts = new PolicyFixtures.RecordedAlerts();
    private final FixedDirectory directory = withSchools(PolicyFixtures.directory());
    private final PolicyFixtures.Planning policy = PolicyFixtures.policy(directory, alerts);

    static FixedDirectory withSchools(FixedDirectory directory) {
        directory.schools.add(new School("100001", "Example Primary School", "safeguarding@example-primary.example",
                "deputy@example-primary.example", List.of(), Protection.SMIME));
        directory.schools.add(new School("100002", "Example Academy", "dsl@example-academy.example", null, List.of(),
                Protection.SMIME));
        return directory;
    }

    @Test
    void theSampleTellsAmysSchoolExactlyTheSdatFieldsAndLeoIsTooYoung() {
        SharingPlan plan = policy.planFor(PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS");

        RecipientShare share = single(schoolShares(plan));
        org.xmlunit.assertj3.XmlAssert.assertThat(new String(share.document(), StandardCharsets.UTF_8))
                .and(PolicyFixtures.text("policy/expected/school-100001.xml"))
                .ignoreWhitespace()
                .ignoreComments()
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default, REFERENCE_PLACEHOLDER))
                .areIdentical();
        assertThat(share.recipientType()).isEqualTo(RecipientType.SCHOOL);
        assertThat(share.recipient()).isEqualTo("100001");
        assertThat(share.kind()).isEqualTo("NOTIFICATION");
        assertThat(share.documentType()).isEqualTo("SchoolNotification");
        assertThat(share.title()).isEqualTo("SDAT school notification");
        assertThat(share.profile()).isEqualTo("sdat@1");
        assertThat(share.lawfulBasis()).isEqualTo(policy.lawfulBasis(RecipientClass.SCHOOL)).endsWith("purpose limited to SDAT");
        assertThat(GatewayReferences.isWellFormed(share.reference())).isTrue();
        assertThat(new String(share.document(), StandardCharsets.UTF_8)).contains("<Reference>" + share.reference() + "<");
        assertThat(plan.shares()).extracting(RecipientShare::reference).doesNotHaveDuplicates();
        assertThat(plan.notShared()).containsExactly(
                new NotShared(RecipientType.SCHOOL, null, "CHILD_NOT_STATUTORY_SCHOOL_AGE"));
    }

    @Test
    void theSchoolDocumentIsAValidSchoolNotification() throws Exception {
        RecipientShare share = single(schoolShares(policy.planFor(
                PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS")));

        ParsedDocument reread = PolicyFixtures.XML.read(share.document());

        assertThat(reread.type()).isEqualTo(DocumentType.SCHOOL_NOTIFICATION);
    }

    @Test
    void theSampleIsDueAtEightOnTheMondayAfterAFridayNightIncident() {
        RecipientShare share = single(schoolShares(policy.planFor(
                PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS")));

        // incident Friday 2026-11-20 22:15Z; Monday 23 November 08:00 Europe/London is 08:00Z in winter
        assertThat(share.dueBy()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void theRecordedFieldsNameWhatWentAndWhatWasDroppedWithoutALeadingSlash() {
        RecipientShare share = single(schoolShares(policy.planFor(
                PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS")));

        assertThat(share.fieldsShared()).containsExactlyInAnyOrder(
                "DomesticAbuseNotification/Incident/DateTime",
                "DomesticAbuseNotification/Incident/Location/AddressLine",
                "DomesticAbuseNotification/Incident/Location/Postcode",
                "DomesticAbuseNotification/Victim/Name/Given",
                "DomesticAbuseNotification/Victim/Name/Family",
                "DomesticAbuseNotification/Perpetrator/Name/Given",
                "DomesticAbuseNotification/Perpetrator/Name/Family",
                "DomesticAbuseNotification/Child/Name/Given",
                "DomesticAbuseNotification/Child/Name/Family",
                "DomesticAbuseNotification/Child/DateOfBirth",
                "DomesticAbuseNotification/Child/WelfareCheck");
        assertThat(share.fieldsDropped()).contains(
                "DomesticAbuseNotification/Incident/RiskLevel",
                "DomesticAbuseNotification/Incident/Circumstances",
                "DomesticAbuseNotification/Incident/OccurrenceReference",
                "DomesticAbuseNotification/Child/School/@urn",
                "DomesticAbuseNotification/Perpetrator/PncId",
                "DomesticAbuseNotification/OfficerInCase/Phone");
        assertThat(share.fieldsShared()).noneMatch(path -> path.startsWith("/"));
        assertThat(share.fieldsDropped()).noneMatch(path -> path.startsWith("/"));
    }

    @Test
    void theTextSaysTheSameFieldsInPlainWordsAndEndsWithTheHandlingInstruction() {
        RecipientShare share = single(schoolShares(policy.planFor(
                PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS")));

        assertThat(share.text()).isEqualTo("""
                OFFICIAL-SENSITIVE

                SDAT school notification
                Reference: %s
                Kind: NOTIFICATION

                Incident: Friday 20 November 2026 at 22:15 (UK time)
                Where: 12 Example Street, Derby, DE1 1AA
                Child: Amy Sample, born 14 March 2016
                Alleged perpetrator: John Sample
                Alleged victim: Jane Sample
                Seen by police (welfare check): yes

                Contact: Derby City Initial Response Team (demo)
                Phone: 01332 000000
                Email: irt@derby.example
                Safeguarding procedures: https://procedures.example/derby-safeguarding

                %s
                """.formatted(share.reference(), SDAT_INSTRUCTION));
        assertThat(share.text()).doesNotContain("HIGH", "Risk", "risk", "pushed", "DC-20261120-0199", "Leo");
    }

    @Test
    void theIncidentTimeIsWrittenInUkSummerTime() {
        String xml = PolicyFixtures.notification().xml()
                .replace("2026-11-20T22:15:00Z", "2026-06-12T23:30:00Z");

        RecipientShare share = single(schoolShares(policy.planFor(PolicyFixtures.parsed(xml), "DERBYS")));

        assertThat(share.text()).contains("Incident: Saturday 13 June 2026 at 00:30 (UK time)");
        assertThat(new String(share.document(), StandardCharsets.UTF_8))
                .contains("<IncidentDateTime>2026-06-12T23:30:00Z</IncidentDateTime>");
        // Saturday 00:30 in London: the next school day is Monday 15 June, 08:00 BST
        assertThat(share.dueBy()).isEqualTo(Instant.parse("2026-06-15T07:00:00Z"));
    }

    @Test
    void aDeadlineWorkedOutBeyondTheCalendarDataStillPlansTheShare() {
        // the demo calendar and bank holidays end before 2029: weekends alone are skipped there
        String xml = PolicyFixtures.notification().xml().replace("2026-11-20T22:15:00Z", "2029-03-09T20:00:00Z");

        RecipientShare share = single(schoolShares(policy.planFor(PolicyFixtures.parsed(xml), "DERBYS")));

        assertThat(share.dueBy()).isEqualTo(Instant.parse("2029-03-12T08:00:00Z"));
    }

    @Test
    void siblingsAtOneSchoolAreTwoNotificationsEachAboutItsOwnChild() {
        String xml = PolicyFixtures.notification().noChildren()
                .child("Amy", "Sample", "2016-03-14", "100001")
                .child("Ben", "Sample", "2014-07-02", "100001")
                .xml();

        List<RecipientShare> shares = schoolShares(policy.planFor(PolicyFixtures.parsed(xml), "DERBYS"));

        assertThat(shares).hasSize(2).extracting(RecipientShare::recipient).containsOnly("100001");
        assertThat(shares).extracting(RecipientShare::reference).doesNotHaveDuplicates();
        String amy = new String(shares.get(0).document(), StandardCharsets.UTF_8);
        String ben = new String(shares.get(1).document(), StandardCharsets.UTF_8);
        assertThat(amy).contains("<Given>Amy</Given>").doesNotContain("Ben");
        assertThat(ben).contains("<Given>Ben</Given>").doesNotContain("Amy");
        assertThat(shares.get(1).text()).contains("Child: Ben Sample, born 2 July 2014").doesNotContain("Amy");
    }

    @ParameterizedTest(name = "born {0}, school {1}: {3}")
    @CsvSource(nullValues = "none", value = {
        "2023-01-30, none,   none,   CHILD_NOT_STATUTORY_SCHOOL_AGE",
        "2023-01-30, 999999, 999999, CHILD_NOT_STATUTORY_SCHOOL_AGE",
        "2023-01-30, 100001, 100001, CHILD_NOT_STATUTORY_SCHOOL_AGE",
        "2005-01-30, 100001, 100001, CHILD_NOT_STATUTORY_SCHOOL_AGE",
        "2016-03-14, none,   none,   NO_SCHOOL_RECORDED",
        "2016-03-14, 999999, 999999, SCHOOL_NOT_IN_DIRECTORY"})
    void theFirstReasonThatAppliesIsRecorded(String born, String urn, String recorded, String reason) {
        String xml = PolicyFixtures.notification().noChildren().child("Mia", "Sample", born, urn).xml();

        SharingPlan plan = policy.planFor(PolicyFixtures.parsed(xml), "DERBYS");

        assertThat(schoolShares(plan)).isEmpty();
        assertThat(plan.notShared()).containsExactly(new NotShared(RecipientType.SCHOOL, recorded, reason));
    }

    @Test
    void eachChildIsDecidedOnItsOwn() {
        String xml = PolicyFixtures.notification().noChildren()
                .child("Amy", "Sample", "2016-03-14", "100001")
                .child("Leo", "Sample", "2023-01-30", null)
                .child("Mia", "Sample", "2015-09-09", null)
                .child("Ben", "Sample", "2014-07-02", "999999")
                .child("Zoe", "Sample", "2013-02-02", "100002")
                .xml();

        SharingPlan plan = policy.planFor(PolicyFixtures.parsed(xml), "DERBYS");

        assertThat(schoolShares(plan)).extracting(RecipientShare::recipient).containsExactly("100001", "100002");
        assertThat(plan.notShared()).containsExactly(
                new NotShared(RecipientType.SCHOOL, null, "CHILD_NOT_STATUTORY_SCHOOL_AGE"),
                new NotShared(RecipientType.SCHOOL, null, "NO_SCHOOL_RECORDED"),
                new NotShared(RecipientType.SCHOOL, "999999", "SCHOOL_NOT_IN_DIRECTORY"));
    }

    @Test
    void aNotificationWithoutChildrenPlansNoSchool() {
        SharingPlan plan = policy.planFor(PolicyFixtures.parsed(PolicyFixtures.notification().noChildren().xml()), "DERBYS");

        assertThat(schoolShares(plan)).isEmpty();
        assertThat(plan.notShared()).isEmpty();
        assertThat(plan.shares()).hasSize(3);
    }

    @Test
    void aSchoolProfileWithoutThePostcodeGivesThePlaceAsItsAddressLines(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("sharing-policy.yaml");
        Files.writeString(file, PolicyFixtures.text("policy/sharing-policy.yaml")
                .replace("      - /DomesticAbuseNotification/Incident/Location/Postcode\n"
                        + "      - /DomesticAbuseNotification/Child/Name/Given\n",
                        "      - /DomesticAbuseNotification/Child/Name/Given\n"));
        PolicyFixtures.Planning withoutPostcode = PolicyFixtures.policy("file:" + file, directory, alerts);

        RecipientShare share = single(schoolShares(withoutPostcode.planFor(
                PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS")));

        assertThat(new String(share.document(), StandardCharsets.UTF_8))
                .contains("<IncidentLocation>12 Example Street, Derby</IncidentLocation>");
        assertThat(share.text()).contains("Where: 12 Example Street, Derby\n");
        assertThat(share.fieldsDropped()).contains("DomesticAbuseNotification/Incident/Location/Postcode");
    }

    @Test
    void aSchoolProfileNamingAFieldTheSchoolNotificationCannotCarryIsRefused() {
        // the sdat profile is the last entry of the file, so an appended field joins its list
        String withOccurrenceReference = PolicyFixtures.text("policy/sharing-policy.yaml")
                + "      - /DomesticAbuseNotification/Incident/OccurrenceReference\n";

        assertThatThrownBy(() -> PolicyFixtures.load(withOccurrenceReference))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("recipientClasses.SCHOOL: profile sdat lists"
                        + " /DomesticAbuseNotification/Incident/OccurrenceReference, which the SchoolNotification"
                        + " (messages.md section 3) has no place for");
    }

    @Test
    void aSchoolProfileLeavingOutARequiredFieldIsRefused() {
        String yaml = PolicyFixtures.text("policy/sharing-policy.yaml")
                .replace("      - /DomesticAbuseNotification/Child/WelfareCheck\n      - /DomesticAbuseNotification/Perpetrator",
                        "      - /DomesticAbuseNotification/Perpetrator");

        assertThatThrownBy(() -> PolicyFixtures.load(yaml))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("recipientClasses.SCHOOL: profile sdat leaves out"
                        + " /DomesticAbuseNotification/Child/WelfareCheck, which every SchoolNotification requires");
    }

    static List<RecipientShare> schoolShares(SharingPlan plan) {
        return plan.shares().stream().filter(share -> share.recipientType() == RecipientType.SCHOOL).toList();
    }

    private static RecipientShare single(List<RecipientShare> shares) {
        assertThat(shares).hasSize(1);
        return shares.get(0);
    }
}
