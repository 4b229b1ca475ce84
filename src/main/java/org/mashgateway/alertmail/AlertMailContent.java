package org.mashgateway.alertmail;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.mashgateway.delivery.DeliveryFailure;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.delivery.OfficialMail;
import org.mashgateway.delivery.OutboxContent;
import org.mashgateway.delivery.OutboxKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An ALERT_MAIL entry of the outbox: the alerts of its batch in one mail to the MASH admins, signed
 * and encrypted to their certificate. Subject {@code OFFICIAL-SENSITIVE: Alert <REASON_CODE>}
 * (docs/decisions/0008-alert-mail.md); the body holds kinds, codes, times and contexts, which never
 * hold personal data. The Message-ID is made of the first and last alert ids, so a mail sent again
 * after a crash is recognisable as the same mail.
 *
 * <p>A mail that fails for good raises no alert (that would only queue another mail that cannot
 * go): it is logged and counted, and {@link AlertMail} puts its alerts in a new mail.
 */
final class AlertMailContent implements OutboxContent {

    static final String TITLE = "Alert";

    private static final Logger log = LoggerFactory.getLogger(AlertMailContent.class);

    private final JdbcClient jdbc;
    private final OfficialMail mail;
    private final AlertMailProperties properties;
    private final X509Certificate adminCertificate;
    private final MeterRegistry meters;
    private final Clock clock;

    AlertMailContent(JdbcClient jdbc, OfficialMail mail, AlertMailProperties properties, MeterRegistry meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.properties = properties;
        this.adminCertificate = certificate(properties);
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public OutboxKind kind() {
        return OutboxKind.ALERT_MAIL;
    }

    @Override
    public String send(DeliveryState entry) {
        List<Raised> alerts = jdbc.sql("SELECT alert_id, raised_at, kind, reason_code, context FROM alert "
                        + "WHERE mail_batch = ? AND mailed_at IS NULL ORDER BY alert_id")
                .param(batchOf(entry))
                .query((rs, row) -> new Raised(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        if (alerts.isEmpty()) {
            // Mailed already (by a node whose record of it was lost): nothing is left to say.
            return null;
        }
        String code = alerts.get(0).reasonCode();
        long first = alerts.get(0).id();
        long last = alerts.get(alerts.size() - 1).id();
        String messageId = "<alert-" + first + "-" + last + "@mash-gateway>";
        try {
            mail.sendProtected(properties.mailTo(), TITLE, code, messageId, text(code, alerts), xml(alerts),
                    "alerts-" + first + "-" + last + ".xml", List.of(adminCertificate));
        } catch (DeliveryFailure failure) {
            meters.counter("mash.alerts.mail.failures", "reason", failure.reasonCode()).increment();
            throw failure;
        }
        return messageId;
    }

    @Override
    public void sent(DeliveryState entry, int attempts) {
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        int mailed = jdbc.sql("UPDATE alert SET mailed_at = ? WHERE mail_batch = ? AND mailed_at IS NULL")
                .params(at, batchOf(entry))
                .update();
        meters.counter("mash.alerts.mailed").increment(mailed);
    }

    @Override
    public void failed(DeliveryState entry, String reasonCode, String lastFault, int attempts) {
        log.error("Alert mail {} FAILED ({}) after {} attempt(s); its alerts go in the next mail of their code",
                entry.outputReference(), reasonCode, attempts);
    }

    private static long batchOf(DeliveryState entry) {
        return Long.parseLong(entry.sourceReference());
    }

    /** The rendering for the admins: first line the marking, last paragraph the handling instruction. */
    static String text(String code, List<Raised> alerts) {
        StringBuilder text = new StringBuilder("OFFICIAL-SENSITIVE\n\n");
        text.append("Alert ").append(code).append('\n');
        text.append(alerts.size() == 1 ? "One alert" : alerts.size() + " alerts").append(" of this code")
                .append(", kind ").append(alerts.get(0).kind()).append('\n');
        text.append("See the admin console (alerts) for what to do.\n\n");
        for (Raised alert : alerts) {
            text.append(alert.raisedAt()).append("  ").append(alert.kind()).append(' ').append(alert.reasonCode())
                    .append(": ").append(alert.context()).append('\n');
        }
        text.append("\nOFFICIAL-SENSITIVE. For the MASH gateway administrators only. Do not forward.\n");
        return text.toString();
    }

    /** The same alerts for a machine, in a small XML document of their own. */
    static byte[] xml(List<Raised> alerts) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<Alerts xmlns=\"urn:mash-gateway:alert-mail:1\">\n");
        for (Raised alert : alerts) {
            xml.append("  <Alert id=\"").append(alert.id()).append("\" raisedAt=\"").append(alert.raisedAt())
                    .append("\" kind=\"").append(escape(alert.kind())).append("\" reasonCode=\"")
                    .append(escape(alert.reasonCode())).append("\">").append(escape(alert.context()))
                    .append("</Alert>\n");
        }
        return xml.append("</Alerts>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The admins' certificate every mail to them is encrypted to (alerts, audit checkpoints). */
    static X509Certificate certificate(AlertMailProperties properties) {
        if (properties.certificate() == null) {
            throw new IllegalStateException("mash.alerts.mail-to is set but mash.alerts.certificate is not: "
                    + "alert mail is always encrypted to the admins' certificate");
        }
        try (InputStream in = properties.certificate().getInputStream()) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("mash.alerts.certificate cannot be read as a PEM certificate", e);
        }
    }

    /** One alert as stored. */
    record Raised(long id, Instant raisedAt, String kind, String reasonCode, String context) {}
}
