package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.support.Acknowledgements;
import org.mashgateway.support.AgencyMail.Build;
import org.mashgateway.support.AgencyMail;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.PartnerQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A FAILED delivery was never received, so nobody can acknowledge it: not an agency by HTTPS, by
 * queue or by signed mail, and not a person holding a link to it. Each attempt is refused with
 * DELIVERY_NOT_SENT and recorded; the delivery stays FAILED for the admins to see.
 */
class FailedDeliveryAcknowledgementTest extends GatewayTest {

    private static final int SMTP_PORT = Mailboxes.freePort();
    private static final int IMAP_PORT = Mailboxes.freePort();
    private static final int BROKER_PORT = Mailboxes.freePort();
    private static final GreenMail MAIL = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    private static final GreenMailUser GATEWAY_MAILBOX;
    private static final String CSC_ADDRESS = "csc-mash@derby.example";
    private static final String SCHOOL = "safeguarding@example-primary.example";
    private static final Pattern LINK = Pattern.compile("/ack/([A-Za-z0-9_-]{22})");

    static {
        MAIL.start();
        GATEWAY_MAILBOX = MAIL.setUser(AgencyMail.GATEWAY_MAILBOX, AgencyMail.GATEWAY_MAILBOX, "demo");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void mailAndBroker(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.imap.enabled", () -> "true");
        registry.add("mash.mail.imap.port", () -> String.valueOf(IMAP_PORT));
        registry.add("mash.mail.imap.poll-interval", () -> "PT0.3S");
        partnerListener(registry, BROKER_PORT);
    }

    @AfterAll
    static void mailServerDown() {
        MAIL.stop();
    }

    @Test
    void an_agency_cannot_acknowledge_a_failed_delivery_over_https() {
        String csc = failedDeliveryTo("CSC");

        Answer answer = GatewayClient.as("agency-CSC", port).postXml("/api/v1/acknowledgements", acknowledgement(csc));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body()).contains("DELIVERY_NOT_SENT");
        assertRefused(csc, "REJECTED");
    }

    @Test
    void an_agency_cannot_acknowledge_a_failed_delivery_by_queue() throws Exception {
        String csc = failedDeliveryTo("CSC");

        JsonNode report = PartnerQueue.report(BROKER_PORT, "CSC", BrokerAddresses.ACKNOWLEDGEMENTS,
                session -> PartnerQueue.text(session, acknowledgement(csc)));

        assertThat(report.path("reasonCode").asText()).isEqualTo("DELIVERY_NOT_SENT");
        assertRefused(csc, "QUARANTINED");
    }

    @Test
    void an_agency_cannot_acknowledge_a_failed_delivery_by_signed_mail() throws Exception {
        String csc = failedDeliveryTo("CSC");

        GATEWAY_MAILBOX.deliver(AgencyMail.signedBy("agency-CSC", CSC_ADDRESS, acknowledgement(csc),
                Build.SIGNED_AND_ENCRYPTED));

        await().atMost(Duration.ofSeconds(60)).until(() -> refusals(csc, "QUARANTINED") > 0);
        assertRefused(csc, "QUARANTINED");
    }

    @Test
    void a_person_holding_the_link_of_a_failed_delivery_cannot_acknowledge_it() throws Exception {
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String school = sentDeliveryTo("100001");
        String token = tokenInMailTo(SCHOOL, school);
        People person = new People(port);
        String page = person.get("/ack/" + token).body();
        markFailed(school);

        HttpResponse<String> shown = person.get("/ack/" + token);
        HttpResponse<String> pressed = person.post("/ack/" + token, page);

        assertThat(shown.statusCode()).isEqualTo(404);
        assertThat(shown.body()).contains("not valid").doesNotContain("<button").doesNotContain(school);
        assertThat(pressed.statusCode()).isEqualTo(404);
        assertThat(pressed.body()).contains("not valid").doesNotContain(school);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'REJECTED' AND reason_code = 'DELIVERY_NOT_SENT'", Integer.class, school)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE kind = 'SECURITY' AND reason_code = "
                + "'DELIVERY_NOT_SENT' AND context LIKE ?", Integer.class, "%" + school + "%")).isEqualTo(1);
        assertThat(status(school)).isEqualTo("FAILED");
        assertThat(acknowledgements(school)).isZero();
    }

    /** A delivery that went, then bounced: FAILED, as the worker leaves one after a permanent fault. */
    private String failedDeliveryTo(String recipient) {
        String delivery = sentDeliveryTo(recipient);
        markFailed(delivery);
        return delivery;
    }

    private String sentDeliveryTo(String recipient) {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications",
                Notifications.notification().riskLevel("HIGH").xml());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String delivery = jdbc.queryForObject("SELECT output_reference FROM delivery WHERE notification_reference = ? "
                + "AND recipient = ?", String.class, answer.json().path("reference").asText(), recipient);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(status(delivery)));
        return delivery;
    }

    private void markFailed(String outputReference) {
        jdbc.update("UPDATE delivery SET status = 'FAILED', reason_code = 'SMTP_REJECTED' WHERE output_reference = ?",
                outputReference);
    }

    private String tokenInMailTo(String address, String outputReference) throws Exception {
        String opened = Mailboxes.openedBy("school-100001",
                Mailboxes.await(MAIL, address, mail -> Mailboxes.subject(mail).endsWith(outputReference)), dir);
        Matcher link = LINK.matcher(opened);
        assertThat(link.find()).as("the mail holds an acknowledgement link").isTrue();
        return link.group(1);
    }

    private void assertRefused(String outputReference, String decision) {
        assertThat(status(outputReference)).isEqualTo("FAILED");
        assertThat(acknowledgements(outputReference)).isZero();
        assertThat(refusals(outputReference, decision)).isEqualTo(1);
    }

    /** Refusals of CSC's acknowledgements with DELIVERY_NOT_SENT since this delivery was made. */
    private long refusals(String outputReference, String decision) {
        // A refused queue message or mail also gets the record of its quarantine copy (QuarantineCopy): not a refusal.
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE decision = ? AND reason_code = "
                + "'DELIVERY_NOT_SENT' AND sender = 'CSC' AND COALESCE(document_type, '') <> 'QuarantineCopy' "
                + "AND record_id > (SELECT MAX(record_id) FROM decision_record "
                + "WHERE gateway_reference = ? AND decision = 'DELIVERED')", Long.class, decision, outputReference);
    }

    private long acknowledgements(String outputReference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ? "
                + "AND decision = 'ACKNOWLEDGED'", Long.class, outputReference);
    }

    private String status(String outputReference) {
        return jdbc.queryForObject("SELECT status FROM delivery WHERE output_reference = ?", String.class, outputReference);
    }

    private static String acknowledgement(String reference) {
        return Acknowledgements.of(reference, "CSC");
    }
}
