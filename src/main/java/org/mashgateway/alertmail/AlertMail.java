package org.mashgateway.alertmail;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.mashgateway.delivery.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts every alert in a mail to the MASH admins, so that nobody has to watch the console to learn of
 * a breach or a deadline at risk. Raising an alert never waits for mail: every
 * {@code mash.alerts.poll-interval} (route {@code alert-mail}, {@code routes/scheduled.camel.yaml})
 * the alerts not yet mailed are put in ALERT_MAIL entries of the
 * outbox, which sends them like any other mail ({@link AlertMailContent}: signed, encrypted to the
 * admins' certificate, retried through an outage, never lost). Alerts of one reason code raised
 * within {@code mash.alerts.coalesce-window} of that code's last mail go together in one mail, so a
 * burst (a mail relay down for every delivery) is one mail a minute, not hundreds.
 */
final class AlertMail {

    /** The most alerts one mail lists; the rest go in the next. */
    private static final int MAX_PER_MAIL = 200;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final AlertMailProperties properties;
    private final Clock clock;

    AlertMail(JdbcClient jdbc, Outbox outbox, PlatformTransactionManager transactions, AlertMailProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Puts the alerts due to be mailed in mails: at most one new mail per reason code, and none for a
     * code whose last mail is within the coalesce window or whose previous mail is still in the
     * outbox. Returns how many mails were put in the outbox (none while {@code mash.alerts.mail-to}
     * is empty: alerts are then only stored and logged).
     */
    public int mailDue() {
        if (!properties.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        List<String> codes = jdbc.sql("SELECT DISTINCT reason_code FROM alert WHERE mailed_at IS NULL ORDER BY reason_code")
                .query(String.class)
                .list();
        int made = 0;
        for (String code : codes) {
            OffsetDateTime last = jdbc.sql("SELECT MAX(mailed_at) FROM alert WHERE reason_code = ?")
                    .param(code)
                    .query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
                    .list()
                    .get(0);
            if (last != null && now.isBefore(last.toInstant().plus(properties.coalesceWindow()))) {
                continue;
            }
            if (Boolean.TRUE.equals(transaction.execute(status -> batch(code)))) {
                made++;
            }
        }
        return made;
    }

    /**
     * One mail of the oldest unmailed alerts of one code: which alerts go in it ({@code mail_batch},
     * the first alert's id) is committed with its outbox entry, so a mail cut short by a crash is sent
     * again with exactly the same alerts and Message-ID, never as a new mail. The rows are locked
     * while the batch is made, so a second node waits and then finds them taken.
     */
    private boolean batch(String code) {
        Long open = jdbc.sql("SELECT MIN(mail_batch) FROM alert WHERE reason_code = ? AND mailed_at IS NULL")
                .param(code)
                .query((rs, row) -> rs.getObject(1, Long.class))
                .list()
                .get(0);
        if (open != null) {
            if (outbox.alertMailWaiting(open)) {
                // The previous mail of this code is still in the outbox (being retried, or paused).
                return false;
            }
            // Its mail failed for good or an admin parked it: its alerts go in a new one.
            jdbc.sql("UPDATE alert SET mail_batch = NULL WHERE mail_batch = ? AND mailed_at IS NULL")
                    .param(open)
                    .update();
        }
        List<Long> ids = jdbc.sql("SELECT alert_id FROM alert WHERE reason_code = ? AND mailed_at IS NULL "
                        + "AND mail_batch IS NULL ORDER BY alert_id FETCH FIRST " + MAX_PER_MAIL + " ROWS ONLY FOR UPDATE")
                .param(code)
                .query(Long.class)
                .list();
        if (ids.isEmpty()) {
            return false;
        }
        long first = ids.get(0);
        jdbc.sql("UPDATE alert SET mail_batch = ? WHERE reason_code = ? AND mailed_at IS NULL AND mail_batch IS NULL "
                        + "AND alert_id BETWEEN ? AND ?")
                .params(first, code, first, ids.get(ids.size() - 1))
                .update();
        outbox.alertMail(first);
        return true;
    }

}
