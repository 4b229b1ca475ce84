package org.mashgateway.routecontrol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The routes paused by an admin ({@code route_pause}), shared by every node on the database. A row
 * says "do not run this route anywhere"; deleting it lets every node run it again. Route ids only,
 * and who paused: nothing from a message.
 */
@Repository
public class RoutePauses {

    private final JdbcClient jdbc;

    RoutePauses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the pause; false when the route was already paused (by this admin or another). */
    public boolean pause(String routeId, String pausedBy, Instant at) {
        try {
            return jdbc.sql("""
                    INSERT INTO route_pause (route_id, paused_by, paused_at)
                    SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM route_pause WHERE route_id = ?)""")
                    .params(routeId, pausedBy, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
                            routeId)
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            // Another admin paused it at the same moment.
            return false;
        }
    }

    /** Lifts the pause; false when the route was not paused. */
    public boolean resume(String routeId) {
        return jdbc.sql("DELETE FROM route_pause WHERE route_id = ?").param(routeId).update() == 1;
    }

    public boolean isPaused(String routeId) {
        return jdbc.sql("SELECT COUNT(*) FROM route_pause WHERE route_id = ?").param(routeId).query(Integer.class).single() > 0;
    }

    public Set<String> paused() {
        return new HashSet<>(jdbc.sql("SELECT route_id FROM route_pause").query(String.class).list());
    }
}
