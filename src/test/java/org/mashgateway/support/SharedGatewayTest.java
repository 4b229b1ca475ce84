package org.mashgateway.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that need a gateway in its demo configuration and nothing else: all of them share
 * one gateway (Spring caches its context), its data dir and its mail relay {@link #SMTP}, which
 * saves a start of the whole gateway per class. A subclass declares no property source, no
 * {@code @Import} and no {@code @DirtiesContext} of its own (any of them would start a gateway
 * for it alone), and is written for a gateway that other classes have used before: it looks only
 * at its own references, recipients and mails, and compares counts before and after. These
 * classes also run in the build's PostgreSQL run (tag {@code database}): the whole flow on PostgreSQL.
 */
@AutoConfigureMetrics
@Tag("database")
public abstract class SharedGatewayTest extends GatewayTestSupport {

    /** The shared gateway's mail relay, for the JVM's lifetime. */
    protected static final GreenMail SMTP = startSmtp();

    private static final Path DATA_DIR = Path.of("target", "test-data", "shared-" + UUID.randomUUID())
            .toAbsolutePath();

    @Autowired
    private JdbcTemplate store;

    /**
     * The mails the relay has received for the deliveries of one accepted document (its gateway
     * reference), known by the output reference that ends each subject: other classes mail the same
     * recipients.
     */
    protected List<MimeMessage> mailsAbout(String reference) throws MessagingException {
        List<String> outputs = store.queryForList("SELECT output_reference FROM delivery WHERE notification_reference = ?",
                String.class, reference);
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            String subject = mail.getSubject();
            if (subject != null && outputs.contains(subject.substring(subject.lastIndexOf(' ') + 1))) {
                mails.add(mail);
            }
        }
        return mails;
    }

    /** The mail to {@code address} about one accepted document, waited for up to a minute. */
    protected MimeMessage awaitMailAbout(String reference, String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : mailsAbout(reference)) {
                if (address.equals(mail.getRecipients(Message.RecipientType.TO)[0].toString())) {
                    return mail;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + address + " about " + reference);
    }

    @DynamicPropertySource
    static void sharedGateway(DynamicPropertyRegistry registry) {
        registry.add("mash.data-dir", DATA_DIR::toString);
        TestDatabase.forGateway(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP.getSmtp().getPort()));
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(GatewayProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }
}
