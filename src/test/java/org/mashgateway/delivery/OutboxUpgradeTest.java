package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.MashGatewayApplication;
import org.mashgateway.acknowledgement.Mailboxes;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.sql.DatabaseTime;
import org.mashgateway.store.MessageStore;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * The upgrade to one outbox (V19) on a database made by the version before it (schema V18), holding
 * what that version leaves in flight when it is stopped: a casework output due and one sent, a
 * deputy's copy whose sender died mid-send, and an alert mail put together but not sent. After the
 * upgrade every one is an entry of the outbox and goes, under the Message-ID or MashReference it
 * would have had; nothing is lost and nothing already sent goes again.
 */
@Tag("database")
class OutboxUpgradeTest {

    private static final String DEPUTY = "deputy@example-primary.example";
    private static final String ADMINS = "mash-admins@localhost";

    @TempDir
    Path dataDir;

    private final TestDatabase.Url database = TestDatabase.fresh("upgrade");
    private final GatewayReferences references = new GatewayReferences();
    private GreenMail smtp;

    @BeforeEach
    void mailServer() {
        smtp = Mailboxes.smtp(Mailboxes.freePort());
    }

    @AfterEach
    void stopMailServer() {
        smtp.stop();
    }

    @Test
    void what_the_previous_version_left_in_flight_is_sent_after_the_upgrade_and_nothing_twice() throws Exception {
        RecipientShare school = DeliveryFixtures.schoolShare("100001", Notifications.freshId("DERBYS"));
        String dueCasework = references.next();
        String sentCasework = references.next();
        String response = references.next();
        long firstAlert;
        try (ConfigurableApplicationContext before = start("--spring.flyway.target=18",
                "--mash.delivery.worker.enabled=false")) {
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            MessageStore bodies = before.getBean(MessageStore.class);
            // A school share sent and escalated, in the columns V18 had (today's code writes later ones);
            // its deputy's copy was being sent when the node died.
            bodies.put(school.reference(), new DeliveryBody(school.title(), school.text(), school.document()).pack());
            jdbc.update("INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, "
                    + "recipient, kind, document_type, channel, status, due_by, attempts, sent_at, escalated_at, "
                    + "created_at, updated_at, child_index) VALUES (?, ?, 'DERBYS', 'SCHOOL', ?, 'NOTIFICATION', ?, "
                    + "'EMAIL', 'SENT', ?, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)",
                    references.next(), school.reference(), school.recipient(), school.documentType(),
                    DatabaseTime.at(school.dueBy()));
            jdbc.update("INSERT INTO escalation_copy (output_reference, status, attempts, next_attempt_at, "
                    + "claimed_until, created_at) VALUES (?, 'PENDING', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP)", school.reference());
            // A casework output the broker refused twice, and one already sent.
            bodies.put(dueCasework, caseworkBodyAsV18WroteIt("Information response " + dueCasework,
                    "<InformationResponse/>"));
            jdbc.update("INSERT INTO casework_output (reference, source_reference, case_system, document_type, kind, "
                    + "state, attempts, not_before, reason_code, created_at) VALUES (?, ?, 'MASH', 'InformationResponse', "
                    + "'RESPONSE', 'PENDING', 2, CURRENT_TIMESTAMP, 'BROKER_UNAVAILABLE', CURRENT_TIMESTAMP)",
                    dueCasework, response);
            jdbc.update("INSERT INTO casework_output (reference, source_reference, case_system, document_type, kind, "
                    + "state, attempts, not_before, created_at, sent_at) VALUES (?, ?, 'MASH', 'InformationResponse', "
                    + "'RESPONSE', 'SENT', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    sentCasework, response);
            // An alert mail of two alerts put together, not sent; a third alert raised after it.
            firstAlert = jdbc.queryForObject("SELECT COALESCE(MAX(alert_id), 0) + 1000 FROM alert", Long.class);
            jdbc.update("INSERT INTO alert (alert_id, raised_at, kind, reason_code, context, mail_batch) VALUES "
                    + "(?, CURRENT_TIMESTAMP, 'SYSTEM', 'TEST_UPGRADE', 'first', ?), "
                    + "(?, CURRENT_TIMESTAMP, 'SYSTEM', 'TEST_UPGRADE', 'second', ?), "
                    + "(?, CURRENT_TIMESTAMP, 'SYSTEM', 'TEST_UPGRADE', 'third', NULL)",
                    firstAlert, firstAlert, firstAlert + 1, firstAlert, firstAlert + 2);
        }

        try (ConfigurableApplicationContext after = start("--mash.alerts.mail-to=" + ADMINS,
                "--mash.alerts.certificate=file:certs-example/admin.crt", "--mash.alerts.coalesce-window=PT0S",
                "--mash.alerts.poll-interval=PT0.2S")) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT outbox_kind, COUNT(*) AS n FROM delivery GROUP BY outbox_kind "
                    + "ORDER BY outbox_kind")).as("every in-flight row moved into the outbox")
                    .contains(Map.of("outbox_kind", "CASEWORK", "n", 2L), Map.of("outbox_kind", "DEPUTY_COPY", "n", 1L));

            MimeMessage copy = Mailboxes.await(smtp, DEPUTY, mail -> Mailboxes.subject(mail).endsWith(school.reference()));
            assertThat(copy.getMessageID()).as("the Message-ID the copy had before the upgrade")
                    .isEqualTo("<" + school.reference() + ".copy@mash-gateway>");

            Message casework = receive(after, BrokerAddresses.CASEWORK, Duration.ofSeconds(30));
            assertThat(casework).as("the due casework output on mash.out.casework").isInstanceOf(BytesMessage.class);
            assertThat(casework.getStringProperty("MashReference")).isEqualTo(dueCasework);
            assertThat(receive(after, BrokerAddresses.CASEWORK, Duration.ofSeconds(2))).as("the one sent before the upgrade is not sent again")
                    .isNull();

            MimeMessage alertMail = Mailboxes.await(smtp, ADMINS, mail -> Mailboxes.subject(mail).endsWith("TEST_UPGRADE"));
            assertThat(alertMail.getMessageID()).as("the mail put together before the upgrade, as it was")
                    .isEqualTo("<alert-" + firstAlert + "-" + (firstAlert + 1) + "@mash-gateway>");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(jdbc.queryForList("SELECT outbox_kind, status, attempts FROM delivery WHERE outbox_kind <> 'SHARE' "
                        + "AND (source_reference IN (?, ?) OR output_reference IN (?, ?))", school.reference(), response,
                        dueCasework, sentCasework))
                        .extracting(row -> row.get("outbox_kind") + " " + row.get("status") + " " + row.get("attempts"))
                        .containsExactlyInAnyOrder("CASEWORK SENT 3", "CASEWORK SENT 1", "DEPUTY_COPY SENT 2");
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE reason_code = 'TEST_UPGRADE' "
                        + "AND mailed_at IS NULL", Integer.class)).as("the third alert too, in a mail of its own").isZero();
            });
            assertThat(jdbc.queryForList("SELECT e.event FROM delivery_event e JOIN delivery d ON d.delivery_id = e.delivery_id "
                    + "WHERE d.output_reference = ? ORDER BY e.event_id", String.class, school.reference()))
                    .as("the share's history tells of its copy").contains("DEPUTY_COPY_SENT");
            List<MimeMessage> alertMails = Mailboxes.to(smtp, ADMINS).stream()
                    .filter(mail -> Mailboxes.subject(mail).endsWith("TEST_UPGRADE")).toList();
            assertThat(alertMails).extracting(MimeMessage::getMessageID).containsExactly(
                    "<alert-" + firstAlert + "-" + (firstAlert + 1) + "@mash-gateway>",
                    "<alert-" + (firstAlert + 2) + "-" + (firstAlert + 2) + "@mash-gateway>");
        }
    }

    /** The body of a casework output as V18 stored it: the text's length, the text, the document. */
    private static byte[] caseworkBodyAsV18WroteIt(String text, String document) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(textBytes.length);
            out.write(textBytes);
            out.write(document.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static Message receive(ConfigurableApplicationContext node, String queue, Duration wait) {
        JmsTemplate jms = new JmsTemplate(node.getBean(ConnectionFactory.class));
        jms.setReceiveTimeout(wait.toMillis());
        return jms.receive(queue);
    }

    private ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--mash.data-dir=" + dataDir,
                "--mash.delivery.node-id=upgrade-node", "--mash.mail.smtp.port=" + smtp.getSmtp().getPort()));
        all.addAll(database.arguments());
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(MashGatewayApplication.class)
                .profiles("demo", "test")
                .run(all.toArray(String[]::new));
    }
}
