package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The whole first flow: a force posts a notification over mutual TLS; the gateway accepts it and
 * fans it out to children's social care, health and education welfare, each copy minimised by its
 * class's profile, signed and encrypted to that agency alone, and delivered by SMTP.
 */
class NotificationFanOutTest extends SharedGatewayTest {

    private static final Map<String, String> AGENCY_ADDRESSES = Map.of(
            "agency-CSC", "csc-mash@derby.example",
            "agency-HEALTH", "health-mash@derby.example",
            "agency-EWS", "ews-mash@derby.example");
    private static final Set<String> AGENCY_CODES = Set.of("CSC", "HEALTH", "EWS");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void an_accepted_notification_reaches_each_agency_minimised_and_readable_only_with_its_own_key()
            throws Exception {
        Notifications notification = Notifications.notification().victimPhone("07700 900456");
        String xml = notification.xml()
                .replace("<RelationshipToVictim>", "<PncId>88/654321Q</PncId><RelationshipToVictim>")
                .replace("<Email>pc4411@police.example</Email>", "<Email>pc4411@police.example</Email><Phone>101</Phone>");

        Answer accepted = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", xml);
        assertThat(accepted.status()).isEqualTo(202);

        Map<String, MimeMessage> mails = awaitOneMailEach(accepted.json().path("reference").asText());
        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String csc = DeliveryFixtures.openedBy("agency-CSC", DeliveryFixtures.saved(mails.get("agency-CSC"), dir), dir);
        String health = DeliveryFixtures.openedBy("agency-HEALTH", DeliveryFixtures.saved(mails.get("agency-HEALTH"), dir), dir);
        String ews = DeliveryFixtures.openedBy("agency-EWS", DeliveryFixtures.saved(mails.get("agency-EWS"), dir), dir);

        assertThat(csc).contains("<RecipientAgency code=\"CSC\"").contains("88/654321Q").contains("<Phone>101</Phone>");
        assertThat(health).contains("<RecipientAgency code=\"HEALTH\"").contains("88/654321Q")
                .doesNotContain("<Phone>101</Phone>");
        assertThat(ews).contains("<RecipientAgency code=\"EWS\"").doesNotContain("88/654321Q")
                .doesNotContain("<Phone>101</Phone>");
        assertThat(DeliveryFixtures.decrypt(DeliveryFixtures.saved(mails.get("agency-CSC"), dir), "agency-HEALTH", dir.resolve("x")).exitCode())
                .as("another agency's key opens nothing").isNotZero();
        for (MimeMessage mail : mails.values()) {
            assertThat(mail.getSubject()).matches("OFFICIAL-SENSITIVE: Domestic abuse notification MGW-[0-9A-Z]{26}");
            assertThat(DeliveryFixtures.headersOf(mail)).doesNotContain("Sample").doesNotContain(notification.id());
        }

        JsonNode status = awaitAllSent(notification.id());
        assertThat(status.path("reference").asText()).isEqualTo(accepted.json().path("reference").asText());
        assertThat(status.path("deliveries")).extracting(d -> d.path("recipient").asText())
                .filteredOn(AGENCY_CODES::contains)
                .containsExactlyInAnyOrder("CSC", "HEALTH", "EWS");
        assertThat(jdbc.queryForList("""
                SELECT d.fields_dropped FROM decision_record d JOIN delivery v ON v.output_reference = d.gateway_reference
                WHERE v.notification_reference = ? AND d.decision = 'SHARED' AND v.recipient = 'EWS'""", String.class,
                accepted.json().path("reference").asText()))
                .singleElement().asString().contains("PncId").contains("OfficerInCase/Phone");
    }

    private Map<String, MimeMessage> awaitOneMailEach(String reference) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            // the child's school receives its own SDAT mail too (SchoolNotificationDeliveryTest): agencies only
            // here, and of this notification only (the mail server is shared with other tests)
            List<MimeMessage> received = mailsAbout(reference).stream().filter(mail -> identityOf(mail) != null).toList();
            if (received.size() >= 3) {
                return received.stream().collect(Collectors.toMap(NotificationFanOutTest::identityOf,
                        Function.identity()));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the three agency mails did not arrive");
    }

    private static String identityOf(MimeMessage mail) {
        try {
            String to = mail.getRecipients(Message.RecipientType.TO)[0].toString();
            return AGENCY_ADDRESSES.entrySet().stream().filter(entry -> entry.getValue().equals(to))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitAllSent(String notificationId) throws InterruptedException {
        GatewayClient derbyshire = GatewayClient.as("police-DERBYS", port);
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonNode status = derbyshire.get("/api/v1/notifications/" + notificationId).json();
            int agencies = 0;
            boolean allSent = true;
            for (JsonNode delivery : status.path("deliveries")) {
                if (AGENCY_CODES.contains(delivery.path("recipient").asText())) {
                    agencies++;
                    allSent &= "SENT".equals(delivery.path("status").asText());
                }
            }
            allSent &= agencies == 3;
            if (allSent) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deliveries not all SENT");
    }

}
