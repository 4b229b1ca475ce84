package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole first flow: a force posts a notification over mutual TLS; the gateway accepts it and
 * fans it out to children's social care, health and education welfare, each copy minimised by its
 * class's profile, signed and encrypted to that agency alone, and delivered by SMTP.
 */
class NotificationFanOutTest extends GatewayTest {

    private static final int SMTP_PORT = freePort();
    private static final GreenMail SMTP = startSmtp();
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

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
    }

    @AfterAll
    static void mailServerDown() {
        SMTP.stop();
    }

    @Test
    void an_accepted_notification_reaches_each_agency_minimised_and_readable_only_with_its_own_key()
            throws Exception {
        Notifications notification = Notifications.notification().victimPhone("07700 900456");
        String xml = notification.xml()
                .replace("<RelationshipToVictim>", "<PncId>88/654321Q</PncId><RelationshipToVictim>")
                .replace("<Email>pc4411@police.example</Email>", "<Email>pc4411@police.example</Email><Phone>101</Phone>");

        Answer accepted = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", xml);
        assertThat(accepted.status()).isEqualTo(202);

        Map<String, MimeMessage> mails = awaitOneMailEach();
        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String csc = openedBy("agency-CSC", mails.get("agency-CSC"));
        String health = openedBy("agency-HEALTH", mails.get("agency-HEALTH"));
        String ews = openedBy("agency-EWS", mails.get("agency-EWS"));

        assertThat(csc).contains("<RecipientAgency code=\"CSC\"").contains("88/654321Q").contains("<Phone>101</Phone>");
        assertThat(health).contains("<RecipientAgency code=\"HEALTH\"").contains("88/654321Q")
                .doesNotContain("<Phone>101</Phone>");
        assertThat(ews).contains("<RecipientAgency code=\"EWS\"").doesNotContain("88/654321Q")
                .doesNotContain("<Phone>101</Phone>");
        assertThat(DeliveryFixtures.decrypt(saved(mails.get("agency-CSC")), "agency-HEALTH", dir.resolve("x")).exitCode())
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

    private Map<String, MimeMessage> awaitOneMailEach() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            // the child's school receives its own SDAT mail too (SchoolNotificationDeliveryTest): agencies only here
            List<MimeMessage> received = Arrays.stream(SMTP.getReceivedMessages())
                    .filter(mail -> identityOf(mail) != null).toList();
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

    /** Decrypts with the agency's key and verifies against the demo CA with openssl; returns the signed content. */
    private String openedBy(String identity, MimeMessage mail) throws Exception {
        Path decrypted = dir.resolve(identity + ".decrypted");
        Path content = dir.resolve(identity + ".content");
        assertThat(DeliveryFixtures.decrypt(saved(mail), identity, decrypted).exitCode()).isZero();
        assertThat(DeliveryFixtures.verify(decrypted, content).exitCode()).isZero();
        return decodedParts(Files.readAllBytes(content));
    }

    /** The signed content is MIME; the XML attachment is base64, so decode every part to search it. */
    private static String decodedParts(byte[] mime) throws Exception {
        MimeMessage parsed = new MimeMessage(null, new java.io.ByteArrayInputStream(mime));
        StringBuilder text = new StringBuilder();
        if (parsed.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(new String(multipart.getBodyPart(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private Path saved(MimeMessage mail) throws Exception {
        Path file = Files.createTempFile(dir, "mail", ".eml");
        Files.write(file, DeliveryFixtures.bytesOf(mail));
        return file;
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
