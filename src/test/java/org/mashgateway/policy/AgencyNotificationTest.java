package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mashgateway.broker.FixedDirectory;
import org.mashgateway.directory.AgencyClass;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.ParsedDocument;
import org.w3c.dom.Node;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.DifferenceEvaluator;
import org.xmlunit.diff.DifferenceEvaluators;

class AgencyNotificationTest {

    private static final String SAMPLE = "samples/da-notification-high.xml";

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
    private final FixedDirectory directory = PolicyFixtures.directory();
    private final PolicyFixtures.Planning policy = PolicyFixtures.policy(directory, alerts);

    @ParameterizedTest
    @CsvSource({"CSC, social-care", "HEALTH1, health", "EWS, education-welfare"})
    void eachAgencyReceivesExactlyTheDocumentItsProfileAllows(String agency, String profile) {
        RecipientShare share = sharesOfSample().get(agency);

        org.xmlunit.assertj3.XmlAssert.assertThat(new String(share.document(), StandardCharsets.UTF_8))
                .and(PolicyFixtures.text("policy/expected/" + profile + ".xml"))
                .ignoreWhitespace()
                .ignoreComments()
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default, REFERENCE_PLACEHOLDER))
                .areIdentical();
        assertThat(share.profile()).isEqualTo(profile + "@1");
        assertThat(share.documentType()).isEqualTo("AgencyNotification");
        assertThat(share.title()).isEqualTo("Domestic abuse notification");
        assertThat(share.kind()).isEqualTo("NOTIFICATION");
    }

    @Test
    void healthGetsNoOfficerPhoneAndEducationWelfareNoOfficerPhoneNorPncId() {
        Map<String, RecipientShare> shares = sharesOfSample();

        assertThat(shares.get("CSC").fieldsShared())
                .contains("DomesticAbuseNotification/OfficerInCase/Phone", "DomesticAbuseNotification/Perpetrator/PncId");
        assertThat(shares.get("CSC").fieldsDropped()).isEmpty();
        assertThat(shares.get("HEALTH1").fieldsDropped()).containsExactly("DomesticAbuseNotification/OfficerInCase/Phone");
        assertThat(shares.get("HEALTH1").fieldsShared()).doesNotContain("DomesticAbuseNotification/OfficerInCase/Phone");
        assertThat(shares.get("EWS").fieldsDropped()).containsExactlyInAnyOrder(
                "DomesticAbuseNotification/Perpetrator/PncId", "DomesticAbuseNotification/OfficerInCase/Phone");
        assertThat(new String(shares.get("EWS").document(), StandardCharsets.UTF_8))
                .doesNotContain("PncId", "88/123456X", "<Phone>101</Phone>");
    }

    @Test
    void everyShareHasItsOwnFreshReferenceAndTheLawfulBasisOfThePolicy() {
        SharingPlan plan = policy.planFor(PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS");

        assertThat(plan.policyVersion()).isEqualTo("2026.11-1").isEqualTo(policy.version());
        assertThat(plan.notShared()).extracting(NotShared::recipientType).containsOnly(RecipientType.SCHOOL);
        assertThat(plan.shares()).extracting(RecipientShare::reference)
                .allMatch(GatewayReferences::isWellFormed)
                .doesNotHaveDuplicates()
                .hasSize(3);
        assertThat(plan.shares()).extracting(RecipientShare::lawfulBasis)
                .containsOnly(policy.lawfulBasis(RecipientClass.SOCIAL_CARE));
        for (RecipientShare share : plan.shares()) {
            assertThat(new String(share.document(), StandardCharsets.UTF_8))
                    .contains("<Reference>" + share.reference() + "</Reference>")
                    .doesNotContain("DERBYS-DA-2026-004211</Reference>");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "HIGH,     2026-11-20T23:05:00Z,      2026-11-21T23:05:00Z, 2026-11-21T23:05:00Z",
        "MEDIUM,   2026-11-20T23:05:00Z,      2026-11-23T23:05:00Z, 2026-11-23T23:05:00Z",
        "STANDARD, 2026-11-20T23:05:00Z,      2026-11-27T23:05:00Z, 2026-11-27T23:05:00Z",
        "HIGH,     2026-07-01T09:30:00+01:00, 2026-07-02T09:30:00+01:00, 2026-07-02T08:30:00Z"})
    void dueByIsCreatedAtPlusTheDeadlineOfTheRiskLevel(String risk, String createdAt, String written, String instant) {
        ParsedDocument notification = PolicyFixtures.parsed(PolicyFixtures.notification()
                .riskLevel(risk).createdAt(createdAt).xml());

        SharingPlan plan = policy.planFor(notification, "DERBYS");

        for (RecipientShare share : plan.shares()) {
            assertThat(share.dueBy()).isEqualTo(Instant.parse(instant));
            assertThat(new String(share.document(), StandardCharsets.UTF_8)).contains("<DueBy>" + written + "</DueBy>");
            assertThat(share.text()).contains("Due by: " + written);
        }
    }

    @Test
    void eachAgencyShareCarriesTheRiskLevelOfItsDocumentReadOnceAsItIsBuilt() {
        for (String level : List.of("HIGH", "MEDIUM", "STANDARD")) {
            ParsedDocument notification = PolicyFixtures.parsed(PolicyFixtures.notification().riskLevel(level).xml());

            List<RecipientShare> shares = policy.planFor(notification, "DERBYS").shares();

            assertThat(shares).filteredOn(share -> share.recipientType() == RecipientType.AGENCY).isNotEmpty()
                    .allSatisfy(share -> {
                        assertThat(share.riskLevel()).isEqualTo(level);
                        assertThat(new String(share.document(), StandardCharsets.UTF_8))
                                .contains("<RiskLevel>" + level + "</RiskLevel>");
                    });
        }
    }

    @Test
    void officialIsRaisedToOfficialSensitiveInsideAndOutside() {
        ParsedDocument official = PolicyFixtures.parsed(PolicyFixtures.notification().classification("OFFICIAL").xml());

        for (RecipientShare share : policy.planFor(official, "DERBYS").shares()) {
            String xml = new String(share.document(), StandardCharsets.UTF_8);
            assertThat(xml).doesNotContain("<Classification>OFFICIAL</Classification>");
            assertThat(xml.split("<Classification>OFFICIAL-SENSITIVE</Classification>", -1)).hasSize(3);
            assertThat(share.text()).startsWith("OFFICIAL-SENSITIVE\n");
        }
    }

    @Test
    void everyBuiltDocumentIsAValidAgencyNotification() throws Exception {
        for (RecipientShare share : sharesOfSample().values()) {
            ParsedDocument reread = PolicyFixtures.XML.read(share.document());
            assertThat(reread.type()).isEqualTo(DocumentType.AGENCY_NOTIFICATION);
        }
    }

    @Test
    void theTextStartsOfficialSensitiveEndsWithTheHandlingInstructionAndHoldsNoDroppedValue() {
        Map<String, RecipientShare> shares = sharesOfSample();
        String instruction = "OFFICIAL-SENSITIVE. Shared under the MASH Information Sharing Agreement for safeguarding"
                + " purposes only. Do not disclose further without the permission of the MASH.";

        for (RecipientShare share : shares.values()) {
            List<String> paragraphs = List.of(share.text().strip().split("\n\n"));
            assertThat(paragraphs.get(0)).isEqualTo("OFFICIAL-SENSITIVE");
            assertThat(paragraphs.get(paragraphs.size() - 1)).isEqualTo(instruction);
            assertThat(share.text()).contains("Reference: " + share.reference(), "Risk level: HIGH",
                    "Place: 12 Example Street, Derby, DE1 1AA", "Name: Amy Sample", "Name: Jane Sample");
        }
        assertThat(shares.get("CSC").text()).contains("PNC id: 88/123456X", "Phone: 101");
        assertThat(shares.get("HEALTH1").text()).contains("PNC id: 88/123456X").doesNotContain("Phone: 101");
        assertThat(shares.get("EWS").text()).doesNotContain("88/123456X", "PNC", "Phone: 101");
    }

    @Test
    void theForcePlaceholderOfAHandlingInstructionNamesTheSendingForce(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("sharing-policy.yaml");
        Files.writeString(file, PolicyFixtures.text("policy/sharing-policy.yaml").replace(
                "Do not disclose further without the permission of the MASH.",
                "Do not disclose further without the permission of the MASH and {force}."));
        PolicyFixtures.Planning withForce = PolicyFixtures.policy("file:" + file, directory, alerts);

        SharingPlan plan = withForce.planFor(PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS");

        assertThat(plan.shares()).allSatisfy(share -> assertThat(share.text()).endsWith(
                "without the permission of the MASH and Derbyshire Constabulary.\n"));
    }

    @Test
    void aClassWithNoAgencyInTheDirectoryIsRecordedAsNotShared() {
        directory.agencies.removeIf(agency -> agency.agencyClass() == AgencyClass.HEALTH);
        directory.agencies.add(PolicyFixtures.agency("PROB1", "Probation", AgencyClass.PROBATION));
        directory.agencies.add(PolicyFixtures.agency("CSC2", "Second social care", AgencyClass.SOCIAL_CARE));

        SharingPlan plan = policy.planFor(PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS");

        assertThat(plan.shares()).extracting(RecipientShare::recipient).containsExactly("CSC", "CSC2", "EWS");
        assertThat(plan.notShared()).filteredOn(notShared -> notShared.recipientType() == RecipientType.AGENCY)
                .containsExactly(new NotShared(RecipientType.AGENCY, null, "NO_AGENCY_FOR_CLASS_HEALTH"));
    }

    @Test
    void correctionsAndWithdrawalsAreNotPlannedHere() {
        ParsedDocument correction = PolicyFixtures.parsed(PolicyFixtures.resource("samples/da-notification-correction.xml"));
        ParsedDocument withdrawal = PolicyFixtures.parsed(PolicyFixtures.resource("samples/notification-withdrawal.xml"));

        assertThatThrownBy(() -> policy.planFor(correction, "DERBYS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("planFor takes a DomesticAbuseNotification without Supersedes");
        assertThatThrownBy(() -> policy.planFor(withdrawal, "DERBYS"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Map<String, RecipientShare> sharesOfSample() {
        SharingPlan plan = policy.planFor(PolicyFixtures.parsed(PolicyFixtures.resource(SAMPLE)), "DERBYS");
        return plan.shares().stream().collect(Collectors.toMap(RecipientShare::recipient, Function.identity()));
    }
}
