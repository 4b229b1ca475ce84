package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.sql.DatabaseTime;
import org.mashgateway.support.TestDatabase;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The upgrade that gave the escalation watch its own column (V22) on a database the version before it
 * left: what that version's escalation route would have watched is watched after the upgrade, and
 * nothing else.
 */
@Tag("database")
class EscalationWatchUpgradeTest {

    @Test
    void what_the_previous_version_watched_is_watched_after_the_upgrade_and_nothing_else() {
        TestDatabase.Url database = TestDatabase.fresh("escalation-watch-upgrade");
        DataSource dataSource = DataSourceBuilder.create().url(database.url()).username(database.username())
                .password(database.password()).build();
        Flyway.configure().dataSource(dataSource).target("21").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        share(jdbc, "SCHOOL-SENT", "SCHOOL", "NOTIFICATION", "SENT", now, false, false);
        share(jdbc, "SCHOOL-PENDING-CORR", "SCHOOL", "CORRECTION", "PENDING", now, false, false);
        share(jdbc, "SCHOOL-FAILED", "SCHOOL", "NOTIFICATION", "FAILED", now, false, false);
        share(jdbc, "SCHOOL-WITHDRAWAL", "SCHOOL", "WITHDRAWAL", "SENT", now, false, false);
        share(jdbc, "SCHOOL-ACKED", "SCHOOL", "NOTIFICATION", "ACKNOWLEDGED", now, false, false);
        share(jdbc, "SCHOOL-ESCALATED", "SCHOOL", "NOTIFICATION", "SENT", now, true, false);
        share(jdbc, "AGENCY-LINK", "AGENCY", "NOTIFICATION", "SENT", now, false, true);
        share(jdbc, "AGENCY-LINK-PENDING", "AGENCY", "NOTIFICATION", "PENDING", now, false, true);
        share(jdbc, "AGENCY-NO-LINK", "AGENCY", "NOTIFICATION", "SENT", now, false, false);
        share(jdbc, "AGENCY-LINK-ACKED", "AGENCY", "NOTIFICATION", "ACKNOWLEDGED", now, false, true);
        share(jdbc, "AGENCY-LINK-ESCALATED", "AGENCY", "NOTIFICATION", "SENT", now, true, true);
        jdbc.update("INSERT INTO delivery (outbox_kind, notification_reference, output_reference, source_reference, "
                + "sending_force, recipient_type, recipient, kind, document_type, channel, status, attempts, created_at, "
                + "updated_at) VALUES ('DEPUTY_COPY', 'N-SCHOOL-SENT', 'COPY-1', 'SCHOOL-SENT', 'DERBYS', 'SCHOOL', "
                + "'100001', 'NOTIFICATION', 'SchoolNotification', 'EMAIL', 'SENT', 1, ?, ?)",
                DatabaseTime.at(now), DatabaseTime.at(now));

        Flyway.configure().dataSource(dataSource).load().migrate();

        Map<String, String> watched = new HashMap<>();
        jdbc.query("SELECT output_reference, escalation_watch FROM delivery",
                rs -> { watched.put(rs.getString(1), rs.getString(2)); });
        Map<String, String> expected = new HashMap<>();
        expected.put("SCHOOL-SENT", "SCHOOL");
        expected.put("SCHOOL-PENDING-CORR", "SCHOOL");
        expected.put("SCHOOL-FAILED", "SCHOOL");
        expected.put("AGENCY-LINK", "AGENCY");
        expected.put("AGENCY-LINK-PENDING", "AGENCY");
        for (String unwatched : new String[] {"SCHOOL-WITHDRAWAL", "SCHOOL-ACKED", "SCHOOL-ESCALATED", "AGENCY-NO-LINK",
                "AGENCY-LINK-ACKED", "AGENCY-LINK-ESCALATED", "COPY-1"}) {
            expected.put(unwatched, null);
        }
        assertThat(watched).isEqualTo(expected);
    }

    private static void share(JdbcTemplate jdbc, String reference, String recipientType, String kind, String status,
            Instant now, boolean escalated, boolean link) {
        jdbc.update("INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, "
                + "recipient, kind, document_type, channel, status, due_by, attempts, created_at, updated_at, escalated_at) "
                + "VALUES (?, ?, 'DERBYS', ?, ?, ?, ?, 'EMAIL', ?, ?, 1, ?, ?, ?)",
                "N-" + reference, reference, recipientType, recipientType.equals("SCHOOL") ? "100001" : "CSC", kind,
                recipientType.equals("SCHOOL") ? "SchoolNotification" : "AgencyNotification", status,
                DatabaseTime.at(now.plus(1, ChronoUnit.DAYS)), DatabaseTime.at(now), DatabaseTime.at(now),
                escalated ? DatabaseTime.at(now) : null);
        if (link) {
            jdbc.update("INSERT INTO acknowledgement_link (token_hash, output_reference, expires_at, created_at) "
                    + "VALUES (?, ?, ?, ?)", String.format("%064d", Math.abs(reference.hashCode())), reference,
                    DatabaseTime.at(now.plus(8, ChronoUnit.DAYS)), DatabaseTime.at(now));
        }
    }
}
