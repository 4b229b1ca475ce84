package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashgateway.delivery.DeliveryFixtures.DATE_OF_BIRTH;
import static org.mashgateway.delivery.DeliveryFixtures.agencyShare;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.delivery.DeliveryFixtures.Result;
import org.mashgateway.policy.NotShared;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The whole gateway delivering a sharing plan by mail to a real SMTP server (GreenMail): what the
 * mail looks like, that only its recipient can open it, that an outage delays but loses nothing,
 * and what the sending force can see of it.
 */
class MailDeliveryTest extends GatewayTest {

    private static final int SMTP_PORT = DeliveryFixtures.freePort();
    private static volatile GreenMail smtp = DeliveryFixtures.startSmtp(SMTP_PORT);

    @Autowired
    Deliveries deliveries;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageStore messageStore;

    @Autowired
    PlatformTransactionManager transactions;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.smtp.connect-timeout", () -> "PT1S");
        registry.add("mash.delivery.initial-backoff", () -> "PT0.2S");
        registry.add("mash.delivery.max-backoff", () -> "PT0.5S");
        registry.add("mash.delivery.max-attempts", () -> "1000");
    }

    @BeforeAll
    static void mailServerUp() {
        if (smtp == null) {
            smtp = DeliveryFixtures.startSmtp(SMTP_PORT);
        }
    }

    @AfterAll
    static void mailServerDown() {
        smtp.stop();
        smtp = null;
    }

    @Test
    void each_agency_gets_one_mail_with_the_contract_headers_and_nothing_personal_in_them() throws Exception {
        String policeId = Notifications.freshId("DERBYS");
        List<RecipientShare> shares = threeAgencyShares(policeId);

        schedule(shares);

        Map<String, MimeMessage> mails = awaitMails(shares);
        for (RecipientShare share : shares) {
            MimeMessage mail = mails.get(share.reference());
            assertThat(mail.getSubject()).isEqualTo("OFFICIAL-SENSITIVE: Domestic abuse notification " + share.reference());
            assertThat(mail.getHeader("Message-ID", null)).isEqualTo("<" + share.reference() + "@mash-gateway>");
            assertThat(mail.getHeader("SIO-Label", null)).contains("marking=\"OFFICIAL-SENSITIVE\"").contains("type=\":ess\"");
            assertThat(mail.getHeader("From", null)).isEqualTo("mash-gateway@localhost");
            assertThat(mail.getContentType()).startsWith("application/pkcs7-mime");
            assertThat(mail.getHeader("MIME-Version", null)).isEqualTo("1.0");
            String headers = DeliveryFixtures.headersOf(mail);
            assertThat(headers).doesNotContain("Zebedee", "Testperson", DATE_OF_BIRTH, policeId, "DERBYS");
            assertThat(new String(DeliveryFixtures.bytesOf(mail), StandardCharsets.ISO_8859_1)).doesNotContain("Zebedee");
        }
        assertThat(recipientsOf(shares.stream().map(share -> mails.get(share.reference())).toList())).containsExactlyInAnyOrder(
                "csc-mash@derby.example", "health-mash@derby.example", "ews-mash@derby.example");
        awaitSent(shares);
        for (RecipientShare share : shares) {
            DeliveryState state = deliveries.byOutputReference(share.reference()).orElseThrow();
            assertThat(state.messageId()).isEqualTo("<" + share.reference() + "@mash-gateway>");
            List<DecisionRecord> decisions = decisionLog.byReference(share.reference());
            assertThat(decisions).extracting(DecisionRecord::decision)
                    .containsExactly(DecisionKind.SHARED, DecisionKind.DELIVERED);
            DecisionRecord shared = decisions.get(0);
            assertThat(shared.policyVersion()).isEqualTo("policy-test@1");
            assertThat(shared.minimisationProfile()).isEqualTo("social-care@1");
            assertThat(shared.lawfulBasis()).isEqualTo("UK GDPR Art. 6(1)(e) public task");
            assertThat(shared.recipient()).isEqualTo(share.recipient());
            assertThat(shared.sender()).isEqualTo("DERBYS");
            assertThat(shared.documentType()).isEqualTo("AgencyNotification");
            assertThat(shared.fieldsShared()).containsExactly("AgencyNotification/Child/Name");
            assertThat(shared.fieldsDropped()).containsExactly("DomesticAbuseNotification/Victim/Phone");
        }
    }

    @Test
    void each_mail_opens_with_openssl_only_with_its_own_recipients_key_and_verifies_against_the_demo_ca() throws Exception {
        Assumptions.assumeTrue(DeliveryFixtures.hasOpenSsl(), "OpenSSL not found at /usr/bin/openssl: not checked");
        List<RecipientShare> shares = threeAgencyShares(Notifications.freshId("DERBYS"));

        schedule(shares);

        Map<String, MimeMessage> mails = awaitMails(shares);
        for (RecipientShare share : shares) {
            Path mail = Files.write(dir.resolve(share.reference() + ".eml"), DeliveryFixtures.bytesOf(mails.get(share.reference())));
            String own = "agency-" + share.recipient();
            String other = share.recipient().equals("CSC") ? "agency-HEALTH" : "agency-CSC";

            Result wrongKey = DeliveryFixtures.decrypt(mail, other, dir.resolve("wrong.eml"));
            Result decrypted = DeliveryFixtures.decrypt(mail, own, dir.resolve("signed.eml"));
            Result verified = DeliveryFixtures.verify(dir.resolve("signed.eml"), dir.resolve("content.mime"));

            assertThat(wrongKey.exitCode()).as("opened with another agency's key").isNotZero();
            assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            String content = Files.readString(dir.resolve("content.mime"), StandardCharsets.ISO_8859_1);
            assertThat(content).contains("text/plain").contains("application/xml");
        }
    }

    @Test
    void while_smtp_is_down_deliveries_stay_pending_and_are_all_sent_once_it_is_back() throws Exception {
        List<RecipientShare> shares = threeAgencyShares(Notifications.freshId("DERBYS"));
        smtp.stop();
        try {
            schedule(shares);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (RecipientShare share : shares) {
                    DeliveryState state = deliveries.byOutputReference(share.reference()).orElseThrow();
                    assertThat(state.status()).isEqualTo(DeliveryStatus.PENDING);
                    assertThat(state.attempts()).isGreaterThanOrEqualTo(3);
                    assertThat(state.reasonCode()).isEqualTo("SMTP_UNAVAILABLE");
                }
            });
        } finally {
            smtp = DeliveryFixtures.startSmtp(SMTP_PORT);
        }

        Map<String, MimeMessage> mails = awaitMails(shares);
        assertThat(shares).allSatisfy(share -> assertThat(mails).containsKey(share.reference()));
        awaitSent(shares);
    }

    @Test
    void a_poison_delivery_and_an_unknown_recipient_never_hold_up_the_deliveries_behind_them() {
        String poison = DeliveryFixtures.reference();
        inTransaction(() -> {
            // A stored body that cannot be read back: every attempt at it throws.
            messageStore.put(poison, new byte[] {9, 9, 9});
            jdbc.update("INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, "
                    + "recipient, kind, document_type, channel, status, attempts, next_attempt_at, created_at, updated_at) "
                    + "VALUES (?, ?, 'DERBYS', 'AGENCY', 'CSC', 'NOTIFICATION', 'AgencyNotification', 'EMAIL', 'PENDING', 0, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", DeliveryFixtures.reference(), poison);
        });
        RecipientShare unknownAgency = agencyShare("GHOST", Notifications.freshId("DERBYS"));
        List<RecipientShare> behind = threeAgencyShares(Notifications.freshId("DERBYS"));
        List<RecipientShare> all = new ArrayList<>(behind);
        all.add(0, unknownAgency);

        schedule(all);

        awaitMails(behind);
        awaitSent(behind);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            DeliveryState ghost = deliveries.byOutputReference(unknownAgency.reference()).orElseThrow();
            assertThat(ghost.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(ghost.reasonCode()).isEqualTo("RECIPIENT_NOT_IN_DIRECTORY");
            DeliveryState poisoned = deliveries.byOutputReference(poison).orElseThrow();
            assertThat(poisoned.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(poisoned.reasonCode()).isEqualTo("DELIVERY_ERROR");
            assertThat(poisoned.attempts()).isGreaterThanOrEqualTo(2);
        });
        // Left retrying, it would only be FAILED after mash.delivery.max-attempts; take it out of the way.
        jdbc.update("UPDATE delivery SET status = 'FAILED', reason_code = 'RETRIES_EXHAUSTED' WHERE output_reference = ?",
                poison);
    }

    @Test
    void the_sending_force_sees_each_delivery_by_code_and_another_force_hears_not_found() throws Exception {
        String policeId = Notifications.freshId("DERBYS");
        String notificationReference = DeliveryFixtures.acceptedNotification(jdbc, policeId);
        List<RecipientShare> shares = threeAgencyShares(policeId);
        inTransaction(() -> deliveries.schedule(notificationReference, "DERBYS", DeliveryFixtures.plan(shares,
                new NotShared(RecipientType.SCHOOL, "100002", "CHILD_NOT_STATUTORY_SCHOOL_AGE"))));
        awaitSent(shares);

        Answer own = GatewayClient.as("police-DERBYS", port).get("/api/v1/notifications/" + policeId);
        Answer others = GatewayClient.as("police-NOTTS", port).get("/api/v1/notifications/" + policeId);
        Answer unknown = GatewayClient.as("police-DERBYS", port).get("/api/v1/notifications/DERBYS-DA-NEVER-SEEN");

        assertThat(own.status()).isEqualTo(200);
        JsonNode body = own.json();
        assertThat(body.path("id").asText()).isEqualTo(policeId);
        assertThat(body.path("reference").asText()).isEqualTo(notificationReference);
        assertThat(body.path("receivedAt").isTextual()).isTrue();
        assertThat(body.path("deliveries")).hasSize(4);
        JsonNode csc = body.path("deliveries").get(0);
        assertThat(csc.path("recipientType").asText()).isEqualTo("AGENCY");
        assertThat(csc.path("recipient").asText()).isEqualTo("CSC");
        assertThat(csc.path("status").asText()).isEqualTo("SENT");
        assertThat(csc.path("dueBy").asText()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(csc.path("sentAt").isTextual()).isTrue();
        JsonNode school = body.path("deliveries").get(3);
        assertThat(school.path("status").asText()).isEqualTo("NOT_SHARED");
        assertThat(school.path("reason").asText()).isEqualTo("CHILD_NOT_STATUTORY_SCHOOL_AGE");
        assertThat(own.body()).doesNotContain("Zebedee", DATE_OF_BIRTH);
        assertThat(others.status()).isEqualTo(404);
        assertThat(others.contentType()).startsWith("application/problem+json");
        assertThat(others.body()).isEqualTo(unknown.body().replace("DERBYS-DA-NEVER-SEEN", policeId));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(decisionLog.byReference(notificationReference)).singleElement().satisfies(notShared -> {
            assertThat(notShared.decision()).isEqualTo(DecisionKind.NOT_SHARED);
            assertThat(notShared.reasonCode()).isEqualTo("CHILD_NOT_STATUTORY_SCHOOL_AGE");
            assertThat(notShared.recipient()).isEqualTo("100002");
        });
    }

    private void awaitSent(List<RecipientShare> shares) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shares).allSatisfy(share ->
                assertThat(deliveries.byOutputReference(share.reference()).orElseThrow().status())
                        .isEqualTo(DeliveryStatus.SENT)));
    }

    private List<RecipientShare> threeAgencyShares(String policeId) {
        return List.of(agencyShare("CSC", policeId), agencyShare("HEALTH", policeId), agencyShare("EWS", policeId));
    }

    private void schedule(List<RecipientShare> shares) {
        String notificationReference = DeliveryFixtures.reference();
        inTransaction(() -> deliveries.schedule(notificationReference, "DERBYS", DeliveryFixtures.plan(shares)));
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }

    /** The mails the server holds for these shares, by output reference, once all have arrived. */
    private static Map<String, MimeMessage> awaitMails(List<RecipientShare> shares) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, MimeMessage> bySubject = Arrays.stream(smtp.getReceivedMessages())
                    .collect(Collectors.toMap(DeliveryFixtures::subjectReference, Function.identity(), (a, b) -> a));
            return shares.stream().allMatch(s -> bySubject.containsKey(s.reference())) ? bySubject : null;
        }, mails -> mails != null);
    }

    private static List<String> recipientsOf(List<MimeMessage> mails) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage mail : mails) {
            recipients.add(mail.getHeader("To", null));
        }
        return recipients;
    }

}
