package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mashgateway.policy.NotShared;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.policy.SharingPlan;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sharing plans built by hand, as the policy would build them, about a made-up family; and OpenSSL
 * as a recipient would use it.
 */
final class DeliveryFixtures {

    /** Personal data that must appear only inside the encrypted body. */
    static final String PERSON = "Zebedee Testperson";
    static final String DATE_OF_BIRTH = "2015-02-28";

    static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private static final GatewayReferences REFERENCES = new GatewayReferences();

    private DeliveryFixtures() {}

    static String reference() {
        return REFERENCES.next();
    }

    /** An accepted notification from DERBYS, as the intake records it; returns its gateway reference. */
    static String acceptedNotification(JdbcTemplate jdbc, String notificationId) {
        String reference = reference();
        jdbc.update("INSERT INTO received_notification (notification_id, force_code, reference, document_type, "
                        + "canonical_hash, classification_received, received_via, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                notificationId, "DERBYS", reference, "DA_NOTIFICATION", "0".repeat(64), "OFFICIAL-SENSITIVE", "HTTPS",
                Timestamp.from(Instant.now()));
        return reference;
    }

    static RecipientShare agencyShare(String agencyCode, String policeId) {
        String reference = reference();
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <AgencyNotification xmlns="urn:mash-gateway:agency-notification:1" version="1.0">
                  <Reference>%s</Reference>
                  <Kind>NOTIFICATION</Kind>
                  <Classification>OFFICIAL-SENSITIVE</Classification>
                  <RecipientAgency code="%s">Made-up agency</RecipientAgency>
                  <NotificationId>%s</NotificationId>
                  <Child><Name>%s</Name><DateOfBirth>%s</DateOfBirth></Child>
                </AgencyNotification>
                """.formatted(reference, agencyCode, policeId, PERSON, DATE_OF_BIRTH);
        String text = "OFFICIAL-SENSITIVE\n\nDomestic abuse notification about " + PERSON + " (born " + DATE_OF_BIRTH
                + "), police id " + policeId + ".\n\nHandle as OFFICIAL-SENSITIVE: do not forward.";
        return new RecipientShare(RecipientType.AGENCY, agencyCode, reference, "NOTIFICATION",
                Instant.parse("2026-12-01T09:00:00Z"), "AgencyNotification", xml.getBytes(StandardCharsets.UTF_8),
                "Domestic abuse notification", text, "social-care@1", List.of("AgencyNotification/Child/Name"),
                List.of("DomesticAbuseNotification/Victim/Phone"), "UK GDPR Art. 6(1)(e) public task");
    }

    static RecipientShare schoolShare(String urn, String policeId) {
        RecipientShare agency = agencyShare("CSC", policeId);
        return new RecipientShare(RecipientType.SCHOOL, urn, agency.reference(), "NOTIFICATION", agency.dueBy(),
                "SchoolNotification", agency.document(), "SDAT school notification", agency.text(), "sdat@1",
                agency.fieldsShared(), agency.fieldsDropped(), agency.lawfulBasis());
    }

    /** Schedules one share as an accepted notification's plan, in a transaction as the intake does. */
    static void schedule(PlatformTransactionManager transactions, Deliveries deliveries, RecipientShare share) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> deliveries.schedule(
                reference(), "DERBYS", plan(List.of(share))));
    }

    /** The share's delivery once it is no longer PENDING. */
    static DeliveryState awaitSettled(Deliveries deliveries, RecipientShare share) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> deliveries.byOutputReference(share.reference()).orElseThrow(),
                state -> state.status() != DeliveryStatus.PENDING);
    }

    /**
     * The DELIVERY alerts' reason codes about this share, waiting for the first: the alert is raised
     * in its own transaction just after FAILED commits.
     */
    static List<String> awaitDeliveryAlertsAbout(JdbcTemplate jdbc, RecipientShare share) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                        "SELECT reason_code FROM alert WHERE kind = 'DELIVERY' AND context LIKE ?",
                        String.class, "%" + share.reference() + "%"),
                alerts -> !alerts.isEmpty());
    }

    static SharingPlan plan(List<RecipientShare> shares, NotShared... notShared) {
        return new SharingPlan("policy-test@1", shares, List.of(notShared));
    }

    /** Every header line of a mail, as sent. */
    static String headersOf(MimeMessage mail) throws Exception {
        StringBuilder headers = new StringBuilder();
        for (var lines = mail.getAllHeaderLines(); lines.hasMoreElements();) {
            headers.append(lines.nextElement()).append('\n');
        }
        return headers.toString();
    }

    static byte[] bytesOf(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toByteArray();
    }

    record Result(int exitCode, String output) {}

    /** {@code openssl cms -decrypt} with a demo recipient's key; the decrypted entity is written to {@code out}. */
    static Result decrypt(Path in, String demoIdentity, Path out) throws Exception {
        return run(OPENSSL.toString(), "cms", "-decrypt", "-in", in.toString(),
                "-recip", "certs-example/" + demoIdentity + ".crt", "-inkey", "certs-example/" + demoIdentity + ".key",
                "-out", out.toString());
    }

    /** {@code openssl cms -verify} against the demo CA; the signed content is written to {@code out}. */
    static Result verify(Path in, Path out) throws Exception {
        return run(OPENSSL.toString(), "cms", "-verify", "-in", in.toString(), "-CAfile", "certs-example/ca.crt",
                "-out", out.toString());
    }

    static boolean hasOpenSsl() {
        return Files.isExecutable(OPENSSL);
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** The output reference at the end of a delivery mail's subject. */
    static String subjectReference(MimeMessage mail) {
        try {
            String subject = mail.getSubject();
            return subject.substring(subject.lastIndexOf(' ') + 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves a received mail to a file, as a partner's mail client would hand it to openssl. */
    static Path saved(MimeMessage mail, Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "mail", ".eml");
        Files.write(file, bytesOf(mail));
        return file;
    }

    /**
     * Opens a saved mail as its recipient would: {@code openssl cms -decrypt} with the demo identity's
     * key, then {@code -verify} against the demo CA (both must succeed); returns every part of the
     * signed content decoded (the XML attachment is base64), to search it.
     */
    static String openedBy(String demoIdentity, Path savedMail, Path dir) throws Exception {
        Path decrypted = dir.resolve(demoIdentity + ".decrypted");
        Path content = dir.resolve(demoIdentity + ".content");
        assertThat(decrypt(savedMail, demoIdentity, decrypted).exitCode()).isZero();
        assertThat(verify(decrypted, content).exitCode()).isZero();
        MimeMessage parsed = new MimeMessage(null, new ByteArrayInputStream(Files.readAllBytes(content)));
        StringBuilder text = new StringBuilder();
        if (parsed.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(new String(multipart.getBodyPart(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    /** A GreenMail SMTP server on loopback at {@code port}, started. */
    static GreenMail startSmtp(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** A port free right now on loopback. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
