package org.mashgateway.console;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The line every console action leaves in {@code admin_action}: who, when, what, on which
 * reference, route or message, and the typed reason. Joins the caller's transaction, so the line
 * exists exactly when the change it records does.
 */
@Repository
class AdminActions {

    private static final Logger log = LoggerFactory.getLogger(AdminActions.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    AdminActions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One action taken, as the console shows it. */
    record Taken(Instant actedAt, String actor, String action, String target, String reasonCode) {}

    void record(String actor, ConsoleAction action, String target, String reasonCode) {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO admin_action (acted_at, actor, action, target, reason_code) VALUES (?, ?, ?, ?, ?)")
                .params(OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC), actor,
                        action.name(), target, reasonCode)
                .update();
        log.info("Console action {} on {} by {}{}", action, target, actor, reasonCode == null ? "" : " (" + reasonCode + ")");
    }

    /** The latest actions, newest first. */
    List<Taken> recent(int limit) {
        return jdbc.sql("SELECT acted_at, actor, action, target, reason_code FROM admin_action "
                        + "ORDER BY action_id DESC FETCH FIRST " + limit + " ROWS ONLY")
                .query((rs, row) -> new Taken(rs.getObject("acted_at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                        rs.getString("reason_code")))
                .list();
    }
}
