package org.mashgateway.scheduling;

import static org.mashgateway.sql.DatabaseTime.at;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which node runs a piece of scheduled work that must run on one node at a time: two nodes reading
 * one mailbox would both quarantine a refused mail, two escalation checks would race for the same
 * deliveries. Before each run the route ({@code onOneNode} of the template {@code scheduled-work})
 * asks for the work's lease, a row of {@code scheduled_work_lease}: the node holding it renews it for
 * the interval and a grace, another node gets it only once it has run out (its holder died, or
 * stopped: a node that stops gives its leases back at once). A run longer than the grace can let a
 * second node start meanwhile; the work itself stays safe (conditional updates), it is only done twice.
 */
@Component("scheduledWorkLeases")
public class ScheduledWorkLeases {

    private static final Logger log = LoggerFactory.getLogger(ScheduledWorkLeases.class);

    /** Beyond the interval, for the run itself: at most five minutes, and 30 s more. */
    private static final Duration MAX_GRACE = Duration.ofMinutes(5);
    private static final Duration EXTRA_GRACE = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String node;

    ScheduledWorkLeases(JdbcTemplate jdbc, Clock clock, NodeName node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.value();
    }

    /**
     * Whether this node runs {@code work} now: always, unless it runs on one node at a time; then only
     * while this node holds its lease, taken or renewed here for {@code intervalMillis} and a grace.
     */
    public boolean holds(String work, long intervalMillis, boolean onOneNode) {
        if (!onOneNode) {
            return true;
        }
        Instant now = clock.instant();
        Duration interval = Duration.ofMillis(intervalMillis);
        Instant until = now.plus(interval).plus(min(interval, MAX_GRACE)).plus(EXTRA_GRACE);
        int renewed = jdbc.update("UPDATE scheduled_work_lease SET held_by = ?, held_until = ? "
                + "WHERE work = ? AND (held_by = ? OR held_until < ?)", node, at(until), work, node, at(now));
        if (renewed == 1) {
            return true;
        }
        // ON CONFLICT: the lease row exists and another node holds it, the usual case on every node
        // but one; a plain INSERT would put a unique-key ERROR in PostgreSQL's log at every tick.
        try {
            return jdbc.update("INSERT INTO scheduled_work_lease (work, held_by, held_until) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", work, node, at(until)) == 1;
        } catch (DuplicateKeyException heldByAnotherNode) {
            // two nodes inserting the first row at the same moment, on a database that reports it so
            return false;
        }
    }

    /** Who holds a piece of work's lease, and until when (past: the holder died or stopped). */
    public record Holder(String node, Instant until) {}

    /**
     * The holder of each piece of work run on one node at a time that has been run at least once,
     * by work (the route's id): the same on every node, since it is read from the database.
     */
    public Map<String, Holder> holders() {
        Map<String, Holder> holders = new TreeMap<>();
        jdbc.query("SELECT work, held_by, held_until FROM scheduled_work_lease", row -> {
            holders.put(row.getString("work"), new Holder(row.getString("held_by"),
                    row.getObject("held_until", OffsetDateTime.class).toInstant()));
        });
        return holders;
    }

    /** A node that stops gracefully lets another take its work over at once rather than after the lease. */
    @PreDestroy
    void giveBack() {
        try {
            jdbc.update("UPDATE scheduled_work_lease SET held_until = ? WHERE held_by = ?", at(clock.instant()), node);
        } catch (DataAccessException e) {
            // the database is gone first: the leases run out on their own
            log.info("Leases on scheduled work not given back ({}): they run out on their own", e.getClass().getSimpleName());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
