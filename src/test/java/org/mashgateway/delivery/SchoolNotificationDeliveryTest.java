package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SDAT flow end to end: a force posts the sample notification over mutual TLS; the school of
 * the child of school age receives, by SMTP, a SchoolNotification signed and encrypted to that
 * school alone and holding nothing of the risk or what happened; the younger child's school is not
 * told, and that decision is recorded.
 */
class SchoolNotificationDeliveryTest extends GatewayTest {

    private static final int SMTP_PORT = freePort();
    private static final GreenMail SMTP = startSmtp();
    private static final String SCHOOL_ADDRESS = "safeguarding@example-primary.example";

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
    void the_school_of_the_child_of_school_age_receives_only_the_sdat_notification_readable_with_its_own_key()
            throws Exception {
        String sample = new ClassPathResource("samples/da-notification-high.xml").getContentAsString(StandardCharsets.UTF_8);

        Answer accepted = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", sample);
        assertThat(accepted.status()).isEqualTo(202);
        String reference = accepted.json().path("reference").asText();

        MimeMessage mail = awaitMailTo(SCHOOL_ADDRESS);
        assertThat(mail.getSubject()).matches("OFFICIAL-SENSITIVE: SDAT school notification MGW-[0-9A-Z]{26}");
        assertThat(DeliveryFixtures.headersOf(mail)).doesNotContain("Sample").doesNotContain("DERBYS-DA-2026-004211");
        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        Path saved = saved(mail);
        assertThat(DeliveryFixtures.decrypt(saved, "agency-CSC", dir.resolve("by-agency")).exitCode())
                .as("an agency's key opens nothing").isNotZero();
        String opened = openedBy("school-100001", saved);

        // the text part comes first, in CRLF lines as S/MIME signs it; the XML is decoded from base64 after it
        assertThat(opened).contains("<SchoolNotification xmlns=\"urn:mash-gateway:school-notification:1\"")
                .contains("<Given>Amy</Given>", "<WelfareCheckMade>true</WelfareCheckMade>",
                        "disclosed by Derbyshire Constabulary for the purposes of \"SDAT\" only")
                .startsWith("OFFICIAL-SENSITIVE\r\n").contains("Child: Amy Sample, born 14 March 2016")
                .doesNotContain("Circumstances", "RiskLevel", "Risk level", "pushed against a door", "HIGH")
                .doesNotContain("Leo", "DC-20261120-0199", "88/123456X", "07700 900123", reference);

        List<Map<String, Object>> notShared = jdbc.queryForList("""
                SELECT recipient, reason_code, policy_version FROM decision_record
                WHERE gateway_reference = ? AND decision = 'NOT_SHARED'""", reference);
        assertThat(notShared).singleElement().satisfies(row -> {
            assertThat(row.get("REASON_CODE")).isEqualTo("CHILD_NOT_STATUTORY_SCHOOL_AGE");
            assertThat(row.get("RECIPIENT")).isNull();
            assertThat(row.get("POLICY_VERSION")).isEqualTo("2026.11-1");
        });
        assertThat(jdbc.queryForList("""
                SELECT recipient_type FROM delivery WHERE notification_reference = ? AND status = 'NOT_SHARED'""",
                String.class, reference)).containsExactly("SCHOOL");
        assertThat(jdbc.queryForList("""
                SELECT d.minimisation_profile FROM decision_record d JOIN delivery v ON v.output_reference = d.gateway_reference
                WHERE v.notification_reference = ? AND d.decision = 'SHARED' AND v.recipient = '100001'""", String.class,
                reference)).containsExactly("sdat@1");
    }

    private MimeMessage awaitMailTo(String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage received : SMTP.getReceivedMessages()) {
                if (address.equals(received.getRecipients(Message.RecipientType.TO)[0].toString())) {
                    return received;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the school mail did not arrive");
    }

    /** Decrypts with the school's key and verifies against the demo CA with openssl; returns the signed content. */
    private String openedBy(String identity, Path mail) throws Exception {
        Path decrypted = dir.resolve(identity + ".decrypted");
        Path content = dir.resolve(identity + ".content");
        assertThat(DeliveryFixtures.decrypt(mail, identity, decrypted).exitCode()).isZero();
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
