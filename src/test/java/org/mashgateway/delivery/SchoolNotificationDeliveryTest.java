package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SDAT flow end to end: a force posts the sample notification over mutual TLS; the school of
 * the child of school age receives, by SMTP, a SchoolNotification signed and encrypted to that
 * school alone and holding nothing of the risk or what happened; the younger child's school is not
 * told, and that decision is recorded.
 */
class SchoolNotificationDeliveryTest extends SharedGatewayTest {

    private static final String SCHOOL_ADDRESS = "safeguarding@example-primary.example";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void the_school_of_the_child_of_school_age_receives_only_the_sdat_notification_readable_with_its_own_key()
            throws Exception {
        String id = Notifications.freshId("DERBYS");
        String sample = new ClassPathResource("samples/da-notification-high.xml").getContentAsString(StandardCharsets.UTF_8)
                .replace("DERBYS-DA-2026-004211", id);

        Answer accepted = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", sample);
        assertThat(accepted.status()).isEqualTo(202);
        String reference = accepted.json().path("reference").asText();

        MimeMessage mail = awaitMailAbout(reference, SCHOOL_ADDRESS);
        assertThat(mail.getSubject()).matches("OFFICIAL-SENSITIVE: SDAT school notification MGW-[0-9A-Z]{26}");
        assertThat(DeliveryFixtures.headersOf(mail)).doesNotContain("Sample").doesNotContain(id);
        assumeThat(DeliveryFixtures.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        Path saved = DeliveryFixtures.saved(mail, dir);
        assertThat(DeliveryFixtures.decrypt(saved, "agency-CSC", dir.resolve("by-agency")).exitCode())
                .as("an agency's key opens nothing").isNotZero();
        String opened = DeliveryFixtures.openedBy("school-100001", saved, dir);

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


}
