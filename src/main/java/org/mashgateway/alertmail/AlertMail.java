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
import org.mashgateway.delivery.MailNotSent;
import org.mashgateway.delivery.OfficialMail;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails every alert to the MASH admins, signed and encrypted to their certificate, so that nobody
 * has to watch the console to learn of a breach or a deadline at risk. The {@code alert} table is
 * the outbox ({@code mailed_at}): raising an alert never waits for mail, and a mail outage delays
 * alert mail without losing any. Alerts of one reason code raised within
 * {@code mash.alerts.coalesce-window} of that code's last mail go together in one mail, so a burst
 * (a mail relay down for every delivery) is one mail a minute, not hundreds.
 *
 * <p>Subject {@code OFFICIAL-SENSITIVE: Alert <REASON_CODE>} (docs/decisions/0008-alert-mail.md);
 * the body holds kinds, codes, times and contexts, which never hold personal data.
 */
final class AlertMail implements SmartLifecycle {

    static final String TITLE = "Alert";
    /** The most alerts one mail lists; the rest go in the next. */
    private static final int MAX_PER_MAIL = 200;

    private static final Logger log = LoggerFactory.getLogger(AlertMail.class);

    private final JdbcClient jdbc;
    private final OfficialMail mail;
    private final TransactionTemplate transaction;
    private final AlertMailProperties properties;
    private final X509Certificate adminCertificate;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Pollers pollers;
    private Poller poller;
    private volatile boolean running;
    private volatile String lastFault;

    AlertMail(JdbcClient jdbc, OfficialMail mail, PlatformTransactionManager transactions,
            AlertMailProperties properties, MeterRegistry meters, Clock clock, Pollers pollers) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.adminCertificate = certificate(properties);
        this.meters = meters;
        this.clock = clock;
        this.pollers = pollers;
    }

    /** Mails what is due now, one mail per reason code at most; returns how many mails went. */
    int mailDue() {
        Instant now = clock.instant();
        List<String> codes = jdbc.sql("SELECT DISTINCT reason_code FROM alert WHERE mailed_at IS NULL ORDER BY reason_code")
                .query(String.class)
                .list();
        int mailed = 0;
        for (String code : codes) {
            OffsetDateTime last = jdbc.sql("SELECT MAX(mailed_at) FROM alert WHERE reason_code = ?")
                    .param(code)
                    .query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
                    .list()
                    .get(0);
            if (last != null && now.isBefore(last.toInstant().plus(properties.coalesceWindow()))) {
                continue;
            }
            if (mailCode(code, now)) {
                mailed++;
            }
        }
        return mailed;
    }

    /**
     * One mail for the unmailed alerts of one code. Which alerts go in it is decided and committed
     * first ({@code mail_batch}, the first alert's id), so that a mail cut short by a crash after it
     * went is sent again after the restart with exactly the same alerts and Message-ID, never as a
     * new mail. The batch's rows stay locked while the mail goes, so a second node waits and then
     * finds them mailed; if the mail fails, they are tried again.
     */
    private boolean mailCode(String code, Instant now) {
        Long batch = transaction.execute(status -> batchOf(code));
        if (batch == null) {
            return false;
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            List<Raised> alerts = jdbc.sql("SELECT alert_id, raised_at, kind, reason_code, context FROM alert "
                            + "WHERE mail_batch = ? AND reason_code = ? AND mailed_at IS NULL ORDER BY alert_id FOR UPDATE")
                    .params(batch, code)
                    .query((rs, row) -> new Raised(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5)))
                    .list();
            if (alerts.isEmpty()) {
                return false;
            }
            long first = alerts.get(0).id();
            long last = alerts.get(alerts.size() - 1).id();
            mail.sendProtected(properties.mailTo(), TITLE, code, "<alert-" + first + "-" + last + "@mash-gateway>",
                    text(code, alerts), xml(alerts), "alerts-" + first + "-" + last + ".xml", List.of(adminCertificate));
            OffsetDateTime at = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
            jdbc.sql("UPDATE alert SET mailed_at = ? WHERE mail_batch = ? AND reason_code = ? AND mailed_at IS NULL")
                    .params(at, batch, code)
                    .update();
            meters.counter("mash.alerts.mailed").increment(alerts.size());
            return true;
        }));
    }

    /** The batch of this code still to be mailed: one cut short, else a new one of the oldest alerts. */
    private Long batchOf(String code) {
        Long open = jdbc.sql("SELECT MIN(mail_batch) FROM alert WHERE reason_code = ? AND mailed_at IS NULL")
                .param(code)
                .query((rs, row) -> rs.getObject(1, Long.class))
                .list()
                .get(0);
        if (open != null) {
            return open;
        }
        List<Long> ids = jdbc.sql("SELECT alert_id FROM alert WHERE reason_code = ? AND mailed_at IS NULL "
                        + "AND mail_batch IS NULL ORDER BY alert_id FETCH FIRST " + MAX_PER_MAIL + " ROWS ONLY FOR UPDATE")
                .param(code)
                .query(Long.class)
                .list();
        if (ids.isEmpty()) {
            return null;
        }
        long first = ids.get(0);
        jdbc.sql("UPDATE alert SET mail_batch = ? WHERE reason_code = ? AND mailed_at IS NULL AND mail_batch IS NULL "
                        + "AND alert_id BETWEEN ? AND ?")
                .params(first, code, first, ids.get(ids.size() - 1))
                .update();
        return first;
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

    /**
     * One round of the poller. The faults alert mail expects (the mail relay or the store down) are
     * counted by reason code here; anything else is counted and logged by {@link Pollers}, and the
     * next round happens either way.
     */
    private void mailRound() {
        try {
            mailDue();
            if (lastFault != null) {
                log.info("Alert mail works again");
                lastFault = null;
            }
        } catch (MailNotSent e) {
            fault(e.reasonCode());
        } catch (DataAccessException e) {
            fault("STORE_UNAVAILABLE");
        }
    }

    /** Logged once per fault, not every tick; never raised as an alert, which would only queue another mail. */
    private void fault(String reason) {
        meters.counter("mash.alerts.mail.failures", "reason", reason).increment();
        if (!reason.equals(lastFault)) {
            log.warn("Alert mail not sent ({}); alerts wait in the store and are mailed when it works", reason);
            lastFault = reason;
        }
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

    @Override
    public void start() {
        poller = pollers.start("alert-mail", properties.pollInterval(), properties.pollInterval(), this::mailRound);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One alert as stored. */
    record Raised(long id, Instant raisedAt, String kind, String reasonCode, String context) {}
}
