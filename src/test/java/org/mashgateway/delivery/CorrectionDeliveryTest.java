package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Corrections and withdrawals end to end: a force posts a notification, then a correction or a
 * withdrawal of it, over mutual TLS; each recipient of the original receives, by SMTP, signed and
 * encrypted to it alone, the CORRECTION or WITHDRAWAL that replaces the very reference it
 * received, and a school newly concerned receives a NOTIFICATION. Mails are opened with {@code
 * openssl cms} and the recipient's key only.
 */
class CorrectionDeliveryTest extends SharedGatewayTest {

    private static final String PATH = "/api/v1/notifications";
    private static final Map<String, String> IDENTITIES = Map.of("CSC", "agency-CSC", "HEALTH", "agency-HEALTH",
            "EWS", "agency-EWS", "100001", "school-100001", "100002", "school-100002");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageStore store;

    @TempDir
    Path dir;

    @Test
    void a_child_moved_to_another_school_is_withdrawn_from_the_old_notified_to_the_new_and_corrected_for_agencies()
            throws Exception {
        Notifications original = Notifications.notification();
        Map<String, Output> received = outputs(accept(original.xml()));
        Notifications moved = new Notifications().supersedes(original.id()).child("Amy", "Sample", Notifications.AMY_BORN, "100002");

        String reference = accept(moved.xml());

        Map<String, Output> outputs = awaitAllSent(moved.id(), reference, 5);
        assertThat(outputs.keySet()).containsExactlyInAnyOrder("CSC", "HEALTH", "EWS", "100001", "100002");
        for (String agency : List.of("CSC", "HEALTH", "EWS")) {
            assertThat(outputs.get(agency).kind()).isEqualTo("CORRECTION");
            assertThat(outputs.get(agency).replaces()).isEqualTo(received.get(agency).reference());
        }
        assertThat(outputs.get("100001").kind()).isEqualTo("WITHDRAWAL");
        assertThat(outputs.get("100001").replaces()).isEqualTo(received.get("100001").reference());
        assertThat(outputs.get("100002").kind()).isEqualTo("NOTIFICATION");
        assertThat(outputs.get("100002").replaces()).isNull();

        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        MimeMessage oldSchoolMail = mailOf(outputs.get("100001"));
        assertThat(oldSchoolMail.getSubject()).isEqualTo("OFFICIAL-SENSITIVE: Withdrawal " + outputs.get("100001").reference());
        assertThat(opened("100001", oldSchoolMail)).contains("<Kind>WITHDRAWAL</Kind>",
                        "<Replaces>" + received.get("100001").reference() + "</Replaces>",
                        "The police have withdrawn the notification you received with reference "
                                + received.get("100001").reference())
                .doesNotContain("Amy", "Sample", "2016", "Child", "12 Example Street", "100002");
        MimeMessage newSchoolMail = mailOf(outputs.get("100002"));
        assertThat(newSchoolMail.getSubject()).startsWith("OFFICIAL-SENSITIVE: SDAT school notification MGW-");
        assertThat(opened("100002", newSchoolMail)).contains("<Kind>NOTIFICATION</Kind>", "<Given>Amy</Given>")
                .doesNotContain("<Replaces>", "Verbal argument");
        for (String agency : List.of("CSC", "HEALTH", "EWS")) {
            MimeMessage mail = mailOf(outputs.get(agency));
            assertThat(mail.getSubject()).isEqualTo("OFFICIAL-SENSITIVE: Correction " + outputs.get(agency).reference());
            assertThat(DeliveryFixtures.headersOf(mail)).doesNotContain("Sample", original.id(), moved.id());
            assertThat(opened(agency, mail)).contains("<Kind>CORRECTION</Kind>",
                    "<Replaces>" + received.get(agency).reference() + "</Replaces>",
                    "<RecipientAgency code=\"" + agency + "\"", "<School urn=\"100002\"",
                    "This is a correction. It replaces the notification you received with reference "
                            + received.get(agency).reference());
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE decision = 'CORRECTED' "
                + "AND gateway_reference = ?", Integer.class, referenceOf(original.id()))).isOne();
        assertThat(jdbc.queryForList("SELECT decision FROM decision_record WHERE gateway_reference = ?", String.class,
                received.get("100001").reference())).contains("SHARED", "WITHDRAWN");
        assertThat(jdbc.queryForList("SELECT minimisation_profile FROM decision_record WHERE decision = 'SHARED' "
                + "AND gateway_reference = ?", String.class, outputs.get("HEALTH").reference())).containsExactly("health@1");
    }

    @Test
    void a_withdrawal_reaches_exactly_the_recipients_of_the_original_and_schools_never_see_the_reason()
            throws Exception {
        Notifications original = Notifications.notification();
        Map<String, Output> received = outputs(accept(original.xml()));
        String withdrawalId = Notifications.freshId("DERBYS");

        String reference = accept(Notifications.withdrawal(withdrawalId, original.id()));

        Map<String, Output> outputs = awaitAllSent(withdrawalId, reference, 4);
        assertThat(outputs.keySet()).isEqualTo(received.keySet()).containsExactlyInAnyOrder("CSC", "HEALTH", "EWS", "100001");
        outputs.forEach((recipient, output) -> {
            assertThat(output.kind()).isEqualTo("WITHDRAWAL");
            assertThat(output.replaces()).isEqualTo(received.get(recipient).reference());
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE notification_reference = ? "
                + "AND status = 'NOT_SHARED'", Integer.class, reference)).isZero();
        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        assertThat(opened("100001", mailOf(outputs.get("100001")))).contains("<Kind>WITHDRAWAL</Kind>")
                .doesNotContain("sent in error", "Reason", "Amy", withdrawalId, original.id());
        assertThat(opened("EWS", mailOf(outputs.get("EWS")))).contains("<Kind>WITHDRAWAL</Kind>",
                "<Reason>Notification sent in error.</Reason>", "<Withdraws>" + original.id() + "</Withdraws>");

        Answer again = derbyshire().postXml(PATH, Notifications.withdrawal(Notifications.freshId("DERBYS"), original.id()));
        Answer correction = derbyshire().postXml(PATH, Notifications.notification().supersedes(original.id()).xml());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.reasonCode()).isEqualTo("ALREADY_WITHDRAWN");
        assertThat(correction.status()).isEqualTo(409);
        assertThat(correction.reasonCode()).isEqualTo("NOTIFICATION_WITHDRAWN");
    }

    @Test
    void a_correction_that_leaves_the_school_unchanged_corrects_what_that_school_received() throws Exception {
        Notifications original = Notifications.notification();
        Map<String, Output> received = outputs(accept(original.xml()));
        Notifications corrected = Notifications.notification().supersedes(original.id()).address("14 Example Street");

        String reference = accept(corrected.xml());

        Map<String, Output> outputs = awaitAllSent(corrected.id(), reference, 4);
        assertThat(outputs.get("100001").kind()).isEqualTo("CORRECTION");
        assertThat(outputs.get("100001").replaces()).isEqualTo(received.get("100001").reference());
        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        MimeMessage mail = mailOf(outputs.get("100001"));
        assertThat(mail.getSubject()).isEqualTo("OFFICIAL-SENSITIVE: Correction " + outputs.get("100001").reference());
        assertThat(opened("100001", mail)).contains("<Kind>CORRECTION</Kind>",
                        "<Replaces>" + received.get("100001").reference() + "</Replaces>",
                        "<IncidentLocation>14 Example Street, Derby, DE1 1AA</IncidentLocation>", "<Given>Amy</Given>")
                .doesNotContain("Verbal argument", "HIGH");
    }

    @Test
    void a_date_of_birth_corrected_out_of_school_age_withdraws_the_school_notification() {
        Notifications original = Notifications.notification();
        Map<String, Output> received = outputs(accept(original.xml()));
        Notifications toddler = new Notifications().supersedes(original.id()).child("Amy", "Sample", "2023-03-14", "100001");

        String reference = accept(toddler.xml());

        Map<String, Output> outputs = awaitAllSent(toddler.id(), reference, 4);
        assertThat(outputs.get("100001").kind()).isEqualTo("WITHDRAWAL");
        assertThat(outputs.get("100001").replaces()).isEqualTo(received.get("100001").reference());
        assertThat(jdbc.queryForList("SELECT reason_code FROM delivery WHERE notification_reference = ? "
                + "AND status = 'NOT_SHARED'", String.class, reference)).containsExactly("CHILD_NOT_STATUTORY_SCHOOL_AGE");
    }

    @Test
    void a_correction_of_a_correction_goes_to_the_recipients_of_the_latest_version() {
        Notifications original = Notifications.notification();
        accept(original.xml());
        Notifications moved = new Notifications().supersedes(original.id()).child("Amy", "Sample", Notifications.AMY_BORN, "100002");
        Map<String, Output> latest = outputs(accept(moved.xml()));
        // names the first notification, as a force may: what the recipients hold now is the first correction
        Notifications again = new Notifications().supersedes(original.id()).child("Amy", "Sample", "2016-03-15", "100002");

        String reference = accept(again.xml());

        Map<String, Output> outputs = awaitAllSent(again.id(), reference, 4);
        assertThat(outputs.keySet()).containsExactlyInAnyOrder("CSC", "HEALTH", "EWS", "100002");
        outputs.forEach((recipient, output) -> {
            assertThat(output.kind()).isEqualTo("CORRECTION");
            assertThat(output.replaces()).isEqualTo(latest.get(recipient).reference());
        });
    }

    @Test
    void two_corrections_arriving_together_are_planned_one_after_the_other() throws Exception {
        Notifications original = Notifications.notification();
        accept(original.xml());
        Notifications one = Notifications.notification().supersedes(original.id()).address("14 Example Street");
        Notifications two = Notifications.notification().supersedes(original.id()).address("16 Example Street");

        List<CompletableFuture<String>> both = List.of(CompletableFuture.supplyAsync(() -> accept(one.xml())),
                CompletableFuture.supplyAsync(() -> accept(two.xml())));
        CompletableFuture.allOf(both.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<Map<String, Object>> chain = jdbc.queryForList("SELECT reference, chain_position FROM received_notification "
                + "WHERE chain_root = ? ORDER BY chain_position", original.id());
        assertThat(chain).extracting(row -> ((Number) row.get("CHAIN_POSITION")).intValue()).containsExactly(0, 1, 2);
        Map<String, Output> first = outputs((String) chain.get(1).get("REFERENCE"));
        Map<String, Output> second = outputs((String) chain.get(2).get("REFERENCE"));
        assertThat(second.keySet()).isEqualTo(first.keySet()).hasSize(4);
        second.forEach((recipient, output) -> assertThat(output.replaces()).isEqualTo(first.get(recipient).reference()));
    }

    @Test
    void a_notification_whose_content_retention_destroyed_can_no_longer_be_corrected() {
        Notifications original = Notifications.notification();
        String reference = accept(original.xml());
        assertThat(store.destroy(reference)).isTrue();

        Answer correction = derbyshire().postXml(PATH, Notifications.notification().supersedes(original.id()).xml());

        assertThat(correction.status()).isEqualTo(409);
        assertThat(correction.reasonCode()).isEqualTo("ORIGINAL_NO_LONGER_HELD");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM received_notification WHERE replaces_notification = ?",
                Integer.class, original.id())).isZero();
    }

    private GatewayClient derbyshire() {
        return GatewayClient.as("police-DERBYS", port);
    }

    /** Posts a document that must be accepted; returns its gateway reference. */
    private String accept(String xml) {
        Answer answer = derbyshire().postXml(PATH, xml);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().path("reference").asText();
    }

    /** One output of a plan, as the delivery table holds it. */
    record Output(String reference, String kind, String replaces, String status) {}

    /** The outputs (not the NOT_SHARED rows) of an accepted document, by recipient. */
    private Map<String, Output> outputs(String notificationReference) {
        Map<String, Output> outputs = new LinkedHashMap<>();
        jdbc.query("SELECT recipient, output_reference, kind, replaces_reference, status FROM delivery "
                        + "WHERE notification_reference = ? AND output_reference IS NOT NULL ORDER BY delivery_id",
                rs -> {
                    outputs.put(rs.getString(1), new Output(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }, notificationReference);
        return outputs;
    }

    private String referenceOf(String notificationId) {
        return jdbc.queryForObject("SELECT reference FROM received_notification WHERE notification_id = ?",
                String.class, notificationId);
    }

    /**
     * Waits until the {@code count} outputs of the document are SENT, and checks the force's status
     * API lists them, with their kind and the reference each replaces, under the document's own NotificationId.
     */
    private Map<String, Output> awaitAllSent(String notificationId, String reference, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Output> outputs = outputs(reference);
            if (outputs.size() == count && outputs.values().stream().allMatch(o -> o.status().equals("SENT"))) {
                JsonNode status = derbyshire().get(PATH + "/" + notificationId).json();
                assertThat(status.path("reference").asText()).isEqualTo(reference);
                assertThat(status.path("deliveries")).filteredOn(d -> d.path("status").asText().equals("SENT"))
                        .extracting(d -> d.path("recipient").asText())
                        .containsExactlyInAnyOrderElementsOf(outputs.keySet());
                for (JsonNode delivery : status.path("deliveries")) {
                    Output output = outputs.get(delivery.path("recipient").asText());
                    if (output != null && !delivery.path("status").asText().equals("NOT_SHARED")) {
                        assertThat(delivery.path("kind").asText()).isEqualTo(output.kind());
                        assertThat(delivery.path("replaces").isNull() ? null : delivery.path("replaces").asText())
                                .isEqualTo(output.replaces());
                    }
                }
                return outputs;
            }
            sleep();
        }
        throw new AssertionError("the outputs of " + reference + " were not all sent: " + outputs(reference));
    }

    /** The mail whose subject ends with the output's reference. */
    private MimeMessage mailOf(Output output) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : SMTP.getReceivedMessages()) {
                if (output.reference().equals(DeliveryFixtures.subjectReference(mail))) {
                    return mail;
                }
            }
            sleep();
        }
        throw new AssertionError("no mail for " + output.reference());
    }

    private String opened(String recipient, MimeMessage mail) throws Exception {
        return DeliveryFixtures.openedBy(IDENTITIES.get(recipient), DeliveryFixtures.saved(mail, dir), dir);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
