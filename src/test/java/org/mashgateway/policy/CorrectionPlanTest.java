package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.FixedDirectory;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.Notifications;
import org.mashgateway.xml.ParsedDocument;
import org.w3c.dom.Node;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.DifferenceEvaluator;
import org.xmlunit.diff.DifferenceEvaluators;

/**
 * Corrections and withdrawals as the sharing policy plans them: who of the previous version's
 * recipients receives what, and the exact documents (the samples: 004212 corrects the address of
 * 004211; 004300 withdraws 004212).
 */
class CorrectionPlanTest {

    private static final String ORIGINAL = "samples/da-notification-high.xml";
    private static final String CORRECTION = "samples/da-notification-correction.xml";
    private static final String WITHDRAWAL = "samples/notification-withdrawal.xml";

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
    private final FixedDirectory directory = SchoolNotificationTest.withSchools(PolicyFixtures.directory());
    private final PolicyFixtures.Planning policy = PolicyFixtures.policy(directory, alerts);

    @Test
    void everyRecipientOfTheOriginalGetsACorrectionReplacingTheReferenceItReceived() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.resource(ORIGINAL));
        SharingPlan first = policy.planFor(original, "DERBYS");

        SharingPlan plan = policy.planCorrection(PolicyFixtures.parsed(PolicyFixtures.resource(CORRECTION)), "DERBYS",
                original, held(first));

        Map<String, String> received = first.shares().stream()
                .collect(Collectors.toMap(RecipientShare::recipient, RecipientShare::reference));
        assertThat(plan.shares()).extracting(RecipientShare::recipient)
                .containsExactlyInAnyOrder("CSC", "HEALTH1", "EWS", "100001");
        for (RecipientShare share : plan.shares()) {
            assertThat(share.kind()).isEqualTo("CORRECTION");
            assertThat(share.title()).isEqualTo("Correction");
            assertThat(share.replaces()).isEqualTo(received.get(share.recipient()));
            assertThat(share.reference()).isNotIn(received.values());
            assertThat(new String(share.document(), StandardCharsets.UTF_8))
                    .contains("<Replaces>" + share.replaces() + "</Replaces>");
        }
        assertThat(plan.notShared()).isEmpty();
        assertThat(byRecipient(plan).get("EWS").profile()).isEqualTo("education-welfare@1");
        assertThat(byRecipient(plan).get("EWS").fieldsShared()).contains("DomesticAbuseNotification/Supersedes");
        assertThat(byRecipient(plan).get("100001").childIndex()).isZero();
    }

    @Test
    void theAgencyCorrectionIsExactlyTheCorrectedDocumentMinimisedAsBefore() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.resource(ORIGINAL));
        SharingPlan first = policy.planFor(original, "DERBYS");

        RecipientShare ews = byRecipient(policy.planCorrection(PolicyFixtures.parsed(PolicyFixtures.resource(CORRECTION)),
                "DERBYS", original, held(first))).get("EWS");

        assertIdentical(ews, "policy/expected/correction-education-welfare.xml", byRecipient(first).get("EWS"));
        assertThat(ews.dueBy()).isEqualTo(Instant.parse("2026-11-22T08:40:00Z"));
        assertThat(ews.text()).startsWith("OFFICIAL-SENSITIVE\n\nCorrection\n")
                .contains("Kind: CORRECTION", "Replaces: " + ews.replaces(),
                        "This is a correction. It replaces the notification you received with reference " + ews.replaces()
                                + ": use this one instead.", "14 Example Street")
                .endsWith(instruction(RecipientClass.EDUCATION_WELFARE) + "\n");
    }

    @Test
    void theSchoolCorrectionIsTheSdatFieldsOfTheCorrectedDocument() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.resource(ORIGINAL));
        SharingPlan first = policy.planFor(original, "DERBYS");

        RecipientShare school = byRecipient(policy.planCorrection(
                PolicyFixtures.parsed(PolicyFixtures.resource(CORRECTION)), "DERBYS", original, held(first))).get("100001");

        assertIdentical(school, "policy/expected/correction-school-100001.xml", byRecipient(first).get("100001"));
        // the correction was made on Saturday 21 November: 08:00 on Monday is the next school day
        assertThat(school.dueBy()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(school.profile()).isEqualTo("sdat@1");
        assertThat(school.text()).startsWith("OFFICIAL-SENSITIVE\n\nCorrection\n")
                .contains("Replaces: " + school.replaces(), "Where: 14 Example Street, Derby, DE1 1AA")
                .doesNotContain("Address corrected", "HIGH");
    }

    @Test
    void theAgencyWithdrawalEmbedsTheWithdrawalWithItsReason() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.resource(ORIGINAL));
        ParsedDocument correction = PolicyFixtures.parsed(PolicyFixtures.resource(CORRECTION));
        SharingPlan corrected = policy.planCorrection(correction, "DERBYS", original,
                held(policy.planFor(original, "DERBYS")));

        SharingPlan plan = policy.planWithdrawal(PolicyFixtures.parsed(PolicyFixtures.resource(WITHDRAWAL)), "DERBYS",
                correction, held(corrected));

        assertThat(plan.shares()).extracting(RecipientShare::recipient)
                .containsExactlyInAnyOrder("CSC", "HEALTH1", "EWS", "100001");
        assertThat(plan.shares()).allSatisfy(share -> {
            assertThat(share.kind()).isEqualTo("WITHDRAWAL");
            assertThat(share.title()).isEqualTo("Withdrawal");
            assertThat(share.replaces()).isEqualTo(byRecipient(corrected).get(share.recipient()).reference());
        });
        RecipientShare ews = byRecipient(plan).get("EWS");
        assertIdentical(ews, "policy/expected/withdrawal-education-welfare.xml", byRecipient(corrected).get("EWS"));
        assertThat(ews.dueBy()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(ews.fieldsShared()).contains("NotificationWithdrawal/Reason");
        assertThat(ews.text()).startsWith("OFFICIAL-SENSITIVE\n\nWithdrawal\n")
                .contains("Derbyshire Constabulary has withdrawn the notification you received with reference "
                        + ews.replaces() + ". Do not act on it further.", "Reason: Notification sent in error")
                .endsWith(instruction(RecipientClass.EDUCATION_WELFARE) + "\n");
    }

    @Test
    void theSchoolWithdrawalNamesOnlyTheReferenceWithdrawnNeverTheReasonNorTheChild() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.resource(ORIGINAL));
        SharingPlan first = policy.planFor(original, "DERBYS");

        RecipientShare school = byRecipient(policy.planWithdrawal(PolicyFixtures.parsed(PolicyFixtures.resource(WITHDRAWAL)),
                "DERBYS", original, held(first))).get("100001");

        assertIdentical(school, "policy/expected/withdrawal-school-100001.xml", byRecipient(first).get("100001"));
        assertThat(school.fieldsShared()).isEmpty();
        assertThat(school.text()).startsWith("OFFICIAL-SENSITIVE\n\nWithdrawal\n")
                .contains("The police have withdrawn the notification you received with reference " + school.replaces())
                .doesNotContain("error", "household", "Amy", "Sample", "Child")
                .endsWith(instruction(RecipientClass.SCHOOL) + "\n");
    }

    @Test
    void aChildMovedToAnotherSchoolIsWithdrawnFromTheOldAndNotifiedToTheNew() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.notification().xml());
        SharingPlan first = policy.planFor(original, "DERBYS");
        Notifications moved = PolicyFixtures.onTheSampleDay().supersedes("DERBYS-DA-1").child("Amy", "Sample", PolicyFixtures.AMY_BORN, "100002");

        SharingPlan plan = policy.planCorrection(PolicyFixtures.parsed(moved.xml()), "DERBYS", original, held(first));

        Map<String, RecipientShare> shares = byRecipient(plan);
        assertThat(shares.get("100001").kind()).isEqualTo("WITHDRAWAL");
        assertThat(shares.get("100001").replaces()).isEqualTo(byRecipient(first).get("100001").reference());
        assertThat(new String(shares.get("100001").document(), StandardCharsets.UTF_8)).doesNotContain("Amy", "Child");
        assertThat(shares.get("100002").kind()).isEqualTo("NOTIFICATION");
        assertThat(shares.get("100002").title()).isEqualTo("SDAT school notification");
        assertThat(shares.get("100002").replaces()).isNull();
        assertThat(shares.get("100002").dueBy()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(shares.get("CSC").kind()).isEqualTo("CORRECTION");
    }

    @Test
    void aCorrectedDateOfBirthOutOfSchoolAgeWithdrawsFromTheSchoolAndIsRecordedNotShared() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.notification().xml());
        SharingPlan first = policy.planFor(original, "DERBYS");
        Notifications toddler = PolicyFixtures.onTheSampleDay().supersedes("DERBYS-DA-1").child("Amy", "Sample", "2023-03-14", "100001");

        SharingPlan plan = policy.planCorrection(PolicyFixtures.parsed(toddler.xml()), "DERBYS", original, held(first));

        assertThat(byRecipient(plan).get("100001").kind()).isEqualTo("WITHDRAWAL");
        assertThat(plan.notShared()).containsExactly(
                new NotShared(RecipientType.SCHOOL, "100001", "CHILD_NOT_STATUTORY_SCHOOL_AGE"));
    }

    @Test
    void aCorrectedNameIsTheSameChildByItsIdAndARemovedChildIsWithdrawn() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.notification()
                .child("Ben", "Sample", "2014-06-01", "100002").xml());
        SharingPlan first = policy.planFor(original, "DERBYS");
        // Amy's name corrected (same id c1); Ben removed
        Notifications corrected = PolicyFixtures.onTheSampleDay().supersedes("DERBYS-DA-1").child("Aimee", "Sample", PolicyFixtures.AMY_BORN, "100001");

        SharingPlan plan = policy.planCorrection(PolicyFixtures.parsed(corrected.xml()), "DERBYS", original, held(first));

        Map<String, RecipientShare> shares = byRecipient(plan);
        assertThat(shares.get("100001").kind()).isEqualTo("CORRECTION");
        assertThat(new String(shares.get("100001").document(), StandardCharsets.UTF_8)).contains("<Given>Aimee</Given>");
        assertThat(shares.get("100002").kind()).isEqualTo("WITHDRAWAL");
    }

    @Test
    void siblingsReorderedKeepTheirOwnSchoolsByNameAndDateOfBirth() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.notification()
                .child("Ben", "Sample", "2014-06-01", "100002").xml());
        SharingPlan first = policy.planFor(original, "DERBYS");
        // the same two children in the other order: their ids c1 and c2 now swapped
        Notifications reordered = PolicyFixtures.onTheSampleDay().supersedes("DERBYS-DA-1")
                .child("Ben", "Sample", "2014-06-01", "100002").child("Amy", "Sample", PolicyFixtures.AMY_BORN, "100001");

        SharingPlan plan = policy.planCorrection(PolicyFixtures.parsed(reordered.xml()), "DERBYS", original, held(first));

        assertThat(plan.shares()).filteredOn(share -> share.recipientType() == RecipientType.SCHOOL)
                .extracting(RecipientShare::recipient, RecipientShare::kind, RecipientShare::childIndex)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("100001", "CORRECTION", 1),
                        org.assertj.core.groups.Tuple.tuple("100002", "CORRECTION", 0));
        assertThat(plan.notShared()).isEmpty();
    }

    @Test
    void aRecipientWhoseDeliveryFailedGetsNothingAndIsRecordedNotShared() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.notification().xml());
        SharingPlan first = policy.planFor(original, "DERBYS");
        List<EarlierShare> held = held(first).stream()
                .map(e -> e.recipient().equals("HEALTH1") || e.recipient().equals("100001")
                        ? new EarlierShare(e.recipientType(), e.recipient(), e.reference(), e.childIndex(), true) : e)
                .toList();

        SharingPlan correction = policy.planCorrection(PolicyFixtures.parsed(PolicyFixtures.onTheSampleDay().supersedes("DERBYS-DA-1")
                .child("Amy", "Sample", PolicyFixtures.AMY_BORN, "100001").xml()), "DERBYS", original, held);
        SharingPlan withdrawal = policy.planWithdrawal(PolicyFixtures.parsed(PolicyFixtures.resource(WITHDRAWAL)),
                "DERBYS", original, held);

        for (SharingPlan plan : List.of(correction, withdrawal)) {
            assertThat(plan.shares()).extracting(RecipientShare::recipient).containsExactlyInAnyOrder("CSC", "EWS");
            assertThat(plan.notShared()).containsExactlyInAnyOrder(
                    new NotShared(RecipientType.AGENCY, "HEALTH1", "ORIGINAL_NOT_DELIVERED"),
                    new NotShared(RecipientType.SCHOOL, "100001", "ORIGINAL_NOT_DELIVERED"));
        }
    }

    @Test
    void anAgencyClassThatDidNotReceiveTheOriginalIsNotAdded() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.notification().xml());
        List<EarlierShare> held = held(policy.planFor(original, "DERBYS")).stream()
                .filter(e -> !e.recipient().equals("HEALTH1")).toList();

        SharingPlan plan = policy.planCorrection(PolicyFixtures.parsed(PolicyFixtures.onTheSampleDay().supersedes("DERBYS-DA-1")
                .child("Amy", "Sample", PolicyFixtures.AMY_BORN, "100001").xml()), "DERBYS", original, held);

        assertThat(plan.shares()).extracting(RecipientShare::recipient).containsExactlyInAnyOrder("CSC", "EWS", "100001");
    }

    @Test
    void onlyCorrectionsAndWithdrawalsArePlannedAsSuch() {
        ParsedDocument original = PolicyFixtures.parsed(PolicyFixtures.resource(ORIGINAL));

        assertThatThrownBy(() -> policy.planCorrection(original, "DERBYS", original, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.planWithdrawal(original, "DERBYS", original, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The outputs of a plan as the delivery records would hand them back, none failed. */
    static List<EarlierShare> held(SharingPlan plan) {
        return plan.shares().stream()
                .filter(share -> !share.kind().equals("WITHDRAWAL"))
                .map(share -> new EarlierShare(share.recipientType(), share.recipient(), share.reference(),
                        share.childIndex(), false))
                .toList();
    }

    private static String instruction(RecipientClass recipientClass) {
        return PolicyFixtures.defaultPolicy().rule(recipientClass).handlingInstruction()
                .replace("{force}", "Derbyshire Constabulary");
    }

    private static Map<String, RecipientShare> byRecipient(SharingPlan plan) {
        return plan.shares().stream().collect(Collectors.toMap(RecipientShare::recipient, Function.identity()));
    }

    /** The share's document equals the expected file, {@code ${replaces}} standing for the earlier share's reference. */
    private static void assertIdentical(RecipientShare share, String expected, RecipientShare earlier) {
        org.xmlunit.assertj3.XmlAssert.assertThat(new String(share.document(), StandardCharsets.UTF_8))
                .and(PolicyFixtures.text(expected).replace("${replaces}", earlier.reference()))
                .ignoreWhitespace()
                .ignoreComments()
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default, REFERENCE_PLACEHOLDER))
                .areIdentical();
    }
}
