package org.mashgateway.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mashgateway.delivery.DeliveryStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery table read for the console: counts by state, deadlines at risk, a filtered list
 * paged by key (delivery_id, newest first, so a page costs the same at row 10 or row 100,000), and
 * one delivery with its history. Columns holding references, codes, states and times only.
 */
@Repository
class DeliveryViews {

    static final int PAGE_SIZE = 50;

    private static final String COLUMNS = "delivery_id, notification_reference, output_reference, sending_force, "
            + "recipient_type, recipient, kind, document_type, channel, status, reason_code, due_by, attempts, "
            + "sent_at, created_at, updated_at, outbox_kind, source_reference";

    private final JdbcClient jdbc;
    private final Clock clock;
    /** A delivery not yet sent within this of its DueBy is at risk: the margin DeadlineWatch alerts at. */
    private final Duration atRiskMargin;

    DeliveryViews(JdbcClient jdbc, Clock clock, @Value("${mash.delivery.at-risk-margin:PT1H}") Duration atRiskMargin) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.atRiskMargin = atRiskMargin;
    }

    /** One row of the list and the head of the detail page. */
    record Row(long deliveryId, String notificationReference, String outputReference, String sendingForce,
            String recipientType, String recipient, String kind, String documentType, String channel, String status,
            String reasonCode, Instant dueBy, int attempts, Instant sentAt, Instant createdAt, Instant updatedAt,
            String outboxKind, String sourceReference) {

        /** Who it goes to, as the console shows it: the recipient class (of a share or deputy copy) and code. */
        public String recipientLabel() {
            return (recipientType == null ? "" : recipientType + " ") + (recipient == null ? "" : recipient);
        }

        /** The notification a share or deputy copy belongs to, else what the entry carries. */
        public String belongsTo() {
            return notificationReference != null ? notificationReference : sourceReference;
        }

        public boolean failed() {
            return DeliveryStatus.FAILED.name().equals(status);
        }

        public boolean pending() {
            return DeliveryStatus.PENDING.name().equals(status);
        }
    }

    /** A page of rows and the keys of the pages either side (null when there is none). */
    record Page(List<Row> rows, Long newerThan, Long olderThan) {}

    /** One line of a delivery's history. */
    record Event(Instant at, String event, String status, String reasonCode, int attempts, String actor) {}

    /** Deliveries not yet sent that are past their DueBy, or within {@code mash.delivery.at-risk-margin} of it. */
    record Deadlines(long overdue, long atRisk, Duration atRiskMargin) {

        /** The margin as people read it: "1 h", "30 min", "1 h 30 min". */
        public String margin() {
            long hours = atRiskMargin.toHours();
            int minutes = atRiskMargin.toMinutesPart();
            if (hours == 0) {
                return minutes + " min";
            }
            return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
        }
    }

    Map<DeliveryStatus, Long> countsByStatus() {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM delivery GROUP BY status")
                .query((rs, row) -> counts.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
        return counts;
    }

    Deadlines deadlines() {
        Instant now = clock.instant();
        long overdue = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE status IN ('PENDING', 'FAILED') AND due_by < ?")
                .param(at(now))
                .query(Long.class)
                .single();
        long atRisk = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE status = 'PENDING' AND due_by >= ? AND due_by < ?")
                .params(at(now), at(now.plus(atRiskMargin)))
                .query(Long.class)
                .single();
        return new Deadlines(overdue, atRisk, atRiskMargin);
    }

    /**
     * A page of deliveries matching {@code filter}: the newest when neither key is given, those
     * older than {@code olderThan}, or those newer than {@code newerThan}.
     */
    Page page(DeliveryFilter filter, Long olderThan, Long newerThan) {
        DeliveryFilter.Where where = filter.where();
        List<String> conditions = new ArrayList<>(where.conditions());
        List<Object> params = new ArrayList<>(where.params());
        boolean backwards = olderThan == null && newerThan != null;
        if (olderThan != null) {
            conditions.add("delivery_id < ?");
            params.add(olderThan);
        } else if (newerThan != null) {
            conditions.add("delivery_id > ?");
            params.add(newerThan);
        }
        String sql = "SELECT " + COLUMNS + " FROM delivery"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY delivery_id " + (backwards ? "ASC" : "DESC")
                + " FETCH FIRST " + (PAGE_SIZE + 1) + " ROWS ONLY";
        List<Row> fetched = new ArrayList<>(jdbc.sql(sql).params(params).query(DeliveryViews::row).list());
        boolean more = fetched.size() > PAGE_SIZE;
        if (more) {
            fetched.remove(fetched.size() - 1);
        }
        if (backwards) {
            Collections.reverse(fetched);
        }
        if (fetched.isEmpty()) {
            return new Page(fetched, null, null);
        }
        long newest = fetched.get(0).deliveryId();
        long oldest = fetched.get(fetched.size() - 1).deliveryId();
        boolean newer = backwards ? more : olderThan != null;
        boolean older = backwards || more;
        return new Page(fetched, newer ? newest : null, older ? oldest : null);
    }

    Optional<Row> one(long deliveryId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE delivery_id = ?")
                .param(deliveryId)
                .query(DeliveryViews::row)
                .optional();
    }

    List<Event> history(long deliveryId) {
        return jdbc.sql("SELECT occurred_at, event, status, reason_code, attempts, actor FROM delivery_event "
                        + "WHERE delivery_id = ? ORDER BY event_id")
                .param(deliveryId)
                .query((rs, row) -> new Event(instant(rs, "occurred_at"), rs.getString("event"), rs.getString("status"),
                        rs.getString("reason_code"), rs.getInt("attempts"), rs.getString("actor")))
                .list();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getLong("delivery_id"), rs.getString("notification_reference"),
                rs.getString("output_reference"), rs.getString("sending_force"), rs.getString("recipient_type"),
                rs.getString("recipient"), rs.getString("kind"), rs.getString("document_type"), rs.getString("channel"),
                rs.getString("status"), rs.getString("reason_code"), instant(rs, "due_by"), rs.getInt("attempts"),
                instant(rs, "sent_at"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("outbox_kind"),
                rs.getString("source_reference"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
