package org.mashgateway.alertmail;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.mashgateway.audit.Checkpoint;
import org.mashgateway.audit.CheckpointMade;
import org.mashgateway.delivery.DeliveryFailure;
import org.mashgateway.delivery.OfficialMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Mails every audit checkpoint to the MASH admins (the alert-mail recipients), signed and encrypted
 * like alert mail, so that a copy of the chain head lands where the database administrators cannot
 * reach it (docs/decisions/0010-audit-checkpoints.md). Subject
 * {@code OFFICIAL-SENSITIVE: Audit checkpoint <record id>}; the body holds the checkpoint and the
 * signed file, which carry no personal data.
 *
 * <p>The file in the checkpoint directory is the checkpoint; this mail is a copy. A mail that
 * cannot go is logged with its reason code and counted ({@code mash.audit.checkpoint.mail.failures}),
 * not retried: the next checkpoint's mail carries a later head.
 */
final class CheckpointMail {

    static final String TITLE = "Audit checkpoint";

    private static final Logger log = LoggerFactory.getLogger(CheckpointMail.class);

    private final OfficialMail mail;
    private final String mailTo;
    private final X509Certificate adminCertificate;
    private final MeterRegistry meters;

    CheckpointMail(OfficialMail mail, AlertMailProperties properties, MeterRegistry meters) {
        this.mail = mail;
        this.mailTo = properties.mailTo();
        this.adminCertificate = AlertMailContent.certificate(properties);
        this.meters = meters;
    }

    @EventListener
    void mail(CheckpointMade made) {
        Checkpoint checkpoint = made.checkpoint();
        String signed = new String(made.signed(), StandardCharsets.US_ASCII);
        try {
            mail.sendProtected(mailTo, TITLE, String.valueOf(checkpoint.recordId()),
                    "<audit-checkpoint-" + checkpoint.recordId() + "-" + checkpoint.madeAt().toEpochMilli() + "@mash-gateway>",
                    text(checkpoint, signed), xml(checkpoint, signed),
                    "audit-checkpoint-" + checkpoint.recordId() + ".xml", List.of(adminCertificate));
        } catch (DeliveryFailure e) {
            meters.counter("mash.audit.checkpoint.mail.failures", "reason", e.reasonCode()).increment();
            log.warn("Audit checkpoint of record {} not mailed ({}); the file was written", checkpoint.recordId(),
                    e.reasonCode());
        }
    }

    static String text(Checkpoint checkpoint, String signed) {
        return "OFFICIAL-SENSITIVE\n\n"
                + "Audit checkpoint of the decision record at record " + checkpoint.recordId() + "\n"
                + "Keep this mail: it proves what the audit trail held at " + checkpoint.madeAt() + ".\n\n"
                + new String(checkpoint.text(), StandardCharsets.UTF_8) + "\n"
                + "Save the signed checkpoint below as a file and check it with\n"
                + "  openssl cms -verify -inform PEM -in checkpoint.pem -CAfile <gateway CA certificate>\n"
                + "then verify the audit trail against it (docs/audit.md).\n\n"
                + signed
                + "\nOFFICIAL-SENSITIVE. For the MASH gateway administrators only. Do not forward.\n";
    }

    /** The same for a machine: the checkpoint's fields and the signed file. */
    static byte[] xml(Checkpoint checkpoint, String signed) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<AuditCheckpoint xmlns=\"urn:mash-gateway:audit-checkpoint:1\" recordId=\"" + checkpoint.recordId()
                + "\" recordHash=\"" + checkpoint.recordHash() + "\" madeAt=\"" + checkpoint.madeAt() + "\">\n"
                + "<Signed>" + signed + "</Signed>\n"
                + "</AuditCheckpoint>\n").getBytes(StandardCharsets.UTF_8);
    }
}
