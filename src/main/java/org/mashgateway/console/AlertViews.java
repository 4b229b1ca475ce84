package org.mashgateway.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code alert} table for the console: open or acknowledged alerts, newest first, and
 * acknowledging one (who and when). Alerts hold reason codes and references only (alert.Alerts).
 */
@Repository
class AlertViews {

    static final int PAGE_SIZE = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    AlertViews(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One alert as listed. */
    record AlertRow(long id, Instant raisedAt, String kind, String reasonCode, String context, Instant acknowledgedAt,
            String acknowledgedBy) {

        public boolean open() {
            return acknowledgedAt == null;
        }
    }

    long openCount() {
        return jdbc.sql("SELECT COUNT(*) FROM alert WHERE acknowledged_at IS NULL").query(Long.class).single();
    }

    /** The newest open alerts, or the newest acknowledged ones. */
    List<AlertRow> list(boolean open, int limit) {
        return jdbc.sql("SELECT alert_id, raised_at, kind, reason_code, context, acknowledged_at, acknowledged_by "
                        + "FROM alert WHERE acknowledged_at IS " + (open ? "NULL" : "NOT NULL")
                        + " ORDER BY alert_id DESC FETCH FIRST " + limit + " ROWS ONLY")
                .query(AlertViews::row)
                .list();
    }

    /** Marks an open alert seen by {@code actor}; false when there is no such open alert. */
    boolean acknowledge(long alertId, String actor) {
        return jdbc.sql("UPDATE alert SET acknowledged_at = ?, acknowledged_by = ? "
                        + "WHERE alert_id = ? AND acknowledged_at IS NULL")
                .params(OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC), actor,
                        alertId)
                .update() == 1;
    }

    private static AlertRow row(ResultSet rs, int row) throws SQLException {
        OffsetDateTime acknowledged = rs.getObject("acknowledged_at", OffsetDateTime.class);
        return new AlertRow(rs.getLong("alert_id"), rs.getObject("raised_at", OffsetDateTime.class).toInstant(),
                rs.getString("kind"), rs.getString("reason_code"), rs.getString("context"),
                acknowledged == null ? null : acknowledged.toInstant(), rs.getString("acknowledged_by"));
    }
}
