package org.mashgateway.alertmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.acknowledgement.Mailboxes;
import org.mashgateway.audit.ChainCheck;
import org.mashgateway.audit.Checkpoint;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each audit checkpoint also reaches the MASH admins: a mail signed by the gateway and encrypted to
 * the admins' certificate (opened with OpenSSL and the demo admin key), its subject naming only the
 * record id, its body the checkpoint and the signed file.
 */
class CheckpointMailTest extends GatewayTest {

    private static final int SMTP_PORT = Mailboxes.freePort();
    private static final GreenMail smtp = Mailboxes.smtp(SMTP_PORT);
    private static final String ADMINS = "mash-admins@localhost";

    @Autowired
    ChainCheck chainCheck;

    @Autowired
    DecisionLog decisionLog;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.alerts.mail-to", () -> ADMINS);
        registry.add("mash.alerts.certificate", () -> "file:certs-example/admin.crt");
    }

    @AfterAll
    static void mailServerDown() {
        smtp.stop();
    }

    @Test
    void a_checkpoint_is_mailed_to_the_admins_signed_and_encrypted() throws Exception {
        String reference = new GatewayReferences().next();
        decisionLog.append(Decision.of(DecisionKind.DELIVERED).recipient("SC-MAILED-01").gatewayReference(reference).build());

        Checkpoint made = chainCheck.checkpoint(false).orElseThrow();

        MimeMessage mail = Mailboxes.await(smtp, ADMINS, m -> Mailboxes.subject(m)
                .equals("OFFICIAL-SENSITIVE: Audit checkpoint " + made.recordId()));
        String headers = String.join("\n", Collections.list(mail.getAllHeaderLines()));
        assertThat(headers).doesNotContain(reference, "SC-MAILED-01", made.recordHash());
        assumeThat(Mailboxes.hasOpenSsl()).as("openssl is needed to open the mail").isTrue();
        String opened = Mailboxes.openedBy("admin", mail, dir);
        assertThat(opened).startsWith("OFFICIAL-SENSITIVE")
                .contains("mash-gateway audit checkpoint v1", "record-hash: " + made.recordHash(), "-----BEGIN CMS-----",
                        "<AuditCheckpoint xmlns=\"urn:mash-gateway:audit-checkpoint:1\"")
                .doesNotContain(reference, "SC-MAILED-01");
    }
}
