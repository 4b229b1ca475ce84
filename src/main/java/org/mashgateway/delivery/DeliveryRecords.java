package org.mashgateway.delivery;

import static org.mashgateway.sql.DatabaseTime.at;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.mashgateway.directory.Channel;
import org.mashgateway.policy.EarlierShare;
import org.mashgateway.policy.RecipientType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code delivery} table, the one outbox: the entries the worker claims and settles (shares,
 * casework documents, deputies' copies, alert mails), and what the status API reads. Every statement joins the caller's transaction when there is one.
 *
 * <p>Claiming is optimistic and portable (H2 and PostgreSQL alike): a node claims a due row with
 * a conditional UPDATE that only one node can win, and holds it for a lease. Settling a row checks
 * the claim is still this node's, so a node that lost its lease (paused too long) cannot overwrite
 * what the node that took over recorded.
 */
@Repository
class DeliveryRecords {

    private static final String STATE_COLUMNS = "delivery_id, notification_reference, output_reference, sending_force, "
            + "recipient_type, recipient, kind, document_type, channel, status, reason_code, due_by, attempts, "
            + "sent_at, message_id, replaces_reference, outbox_kind, source_reference";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DeliveryRecords(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batch = jdbc;
    }

    void insertPending(String notificationReference, String sendingForce, RecipientType recipientType, String recipient,
            String outputReference, String kind, String documentType, Channel channel, Instant dueBy, Instant now) {
        insertPending(notificationReference, sendingForce, recipientType, recipient, outputReference, kind, documentType,
                channel, dueBy, now, null, null, null, false);
    }

    /**
     * @param replacesReference the output reference a CORRECTION or WITHDRAWAL replaces, else null
     * @param childIndex for a school output, the position of its child in the police document, else null
     * @param riskLevel for an agency's notification or correction, the incident's RiskLevel, else null
     * @param watched whether the escalation watch waits for its acknowledgement ({@code escalation_watch}, V22)
     */
    void insertPending(String notificationReference, String sendingForce, RecipientType recipientType, String recipient,
            String outputReference, String kind, String documentType, Channel channel, Instant dueBy, Instant now,
            String replacesReference, Integer childIndex, String riskLevel, boolean watched) {
        jdbc.sql("""
                INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, recipient,
                    kind, document_type, channel, status, due_by, attempts, next_attempt_at, created_at, updated_at,
                    replaces_reference, child_index, risk_level, escalation_watch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, 0, ?, ?, ?, ?, ?, ?, ?)""")
                .params(notificationReference, outputReference, sendingForce, recipientType.name(), recipient, kind,
                        documentType, channel.name(), at(dueBy), at(now), at(now), at(now), replacesReference, childIndex,
                        riskLevel, watched ? recipientType.name() : null)
                .update();
    }

    /**
     * The outputs of one accepted notification that its recipients hold, or were meant to: every
     * NOTIFICATION or CORRECTION not NOT_SHARED, in the order they were planned. A FAILED one is
     * marked so; a WITHDRAWAL is not held by anyone and is left out.
     */
    List<EarlierShare> held(String notificationReference) {
        return jdbc.sql("""
                SELECT recipient_type, recipient, output_reference, child_index, status FROM delivery
                WHERE notification_reference = ? AND outbox_kind = 'SHARE' AND output_reference IS NOT NULL
                  AND kind IN ('NOTIFICATION', 'CORRECTION')
                ORDER BY delivery_id""")
                .param(notificationReference)
                .query((rs, row) -> new EarlierShare(RecipientType.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), (Integer) rs.getObject(4, Integer.class), "FAILED".equals(rs.getString(5))))
                .list();
    }

    /**
     * Puts an entry of another kind than a share in the outbox, PENDING and due now. A DEPUTY_COPY
     * also carries its share's notification reference, force and recipient type; other kinds none.
     *
     * @param sourceReference what it carries or repeats (see {@link DeliveryState#sourceReference()})
     */
    void insertEntry(OutboxKind outboxKind, String outputReference, String sourceReference, String recipient,
            String kind, String documentType, Channel channel, String notificationReference, String sendingForce,
            RecipientType recipientType, Instant now) {
        jdbc.sql("""
                INSERT INTO delivery (outbox_kind, notification_reference, output_reference, source_reference,
                    sending_force, recipient_type, recipient, kind, document_type, channel, status, attempts,
                    next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""")
                .params(outboxKind.name(), notificationReference, outputReference, sourceReference, sendingForce,
                        recipientType == null ? null : recipientType.name(), recipient, kind, documentType,
                        channel.name(), at(now), at(now), at(now))
                .update();
    }

    /** Whether an entry of {@code kind} carrying {@code sourceReference} is still waiting to be sent. */
    boolean pending(OutboxKind kind, String sourceReference) {
        return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE outbox_kind = ? AND source_reference = ? AND status = 'PENDING'")
                .params(kind.name(), sourceReference)
                .query(Long.class)
                .single() > 0;
    }

    void insertNotShared(String notificationReference, String sendingForce, RecipientType recipientType,
            String recipient, String reasonCode, Instant now) {
        jdbc.sql("""
                INSERT INTO delivery (notification_reference, sending_force, recipient_type, recipient, status,
                    reason_code, attempts, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'NOT_SHARED', ?, 0, ?, ?)""")
                .params(notificationReference, sendingForce, recipientType.name(), recipient, reasonCode, at(now), at(now))
                .update();
    }

    /**
     * Ids of PENDING deliveries due now and not held by a live claim, the longest waiting first.
     * The ORDER BY is the index {@code delivery_due_in_order} column for column (status included,
     * which H2 needs to see it), so both H2 and PostgreSQL read only the first rows of the index,
     * however long the backlog.
     */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql(dueQuery(limit))
                .params(at(now), at(now))
                .query(Long.class)
                .list();
    }

    /** The statement of {@link #due}, its two parameters both "now"; its plan is tested on H2 and PostgreSQL. */
    static String dueQuery(int limit) {
        return "SELECT delivery_id FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= ? "
                + "AND (claimed_until IS NULL OR claimed_until < ?) "
                + "ORDER BY status, next_attempt_at, delivery_id FETCH FIRST " + limit + " ROWS ONLY";
    }

    /**
     * Claims those of {@code deliveryIds} that are still due and unclaimed for this node until
     * {@code until}; returns the ids claimed, in id order. One not returned was claimed by another
     * node first, or is no longer due (another node tried it meanwhile and put it back for later).
     * One statement per id, sent as one batch: each finds its row by its id, at the same cost however
     * long the backlog, where one {@code IN} statement led both databases to walk the due index.
     * Call it in one transaction: one commit.
     */
    List<Long> claim(List<Long> deliveryIds, String node, Instant now, Instant until) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        // In id order, so that two nodes claiming overlapping batches lock rows in the same order.
        List<Long> ids = deliveryIds.stream().sorted().distinct().toList();
        OffsetDateTime claimedUntil = at(until);
        OffsetDateTime asOf = at(now);
        int[] claimed = batch.batchUpdate(CLAIM, ids.stream()
                .map(id -> new Object[] {node, claimedUntil, id, asOf, asOf})
                .toList());
        List<Long> won = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (claimed[i] > 0) {
                won.add(ids.get(i));
            }
        }
        return won;
    }

    /**
     * The statement {@link #claim} runs for each id; its plan is tested on H2 and PostgreSQL. The
     * due test is wrapped in a CASE on purpose: written plainly, it led H2 to walk the due index
     * from its start (every due row) instead of finding the one row by its id.
     */
    static final String CLAIM = "UPDATE delivery SET claimed_by = ?, claimed_until = ? WHERE delivery_id = ? "
            + "AND status = 'PENDING' AND CASE WHEN next_attempt_at <= ? THEN 1 ELSE 0 END = 1 "
            + "AND (claimed_until IS NULL OR claimed_until < ?)";

    /** Gives back this node's claim on a delivery it did not attempt after all. */
    void release(long deliveryId, String node) {
        jdbc.sql("UPDATE delivery SET claimed_by = NULL, claimed_until = NULL WHERE delivery_id = ? AND status = 'PENDING' "
                        + "AND claimed_by = ?")
                .params(deliveryId, node)
                .update();
    }

    /** Releases every claim this node holds: at start they can only be left over from its previous run. */
    int releaseClaimsOf(String node) {
        return jdbc.sql("UPDATE delivery SET claimed_by = NULL, claimed_until = NULL WHERE status = 'PENDING' AND claimed_by = ?")
                .param(node)
                .update();
    }

    Optional<DeliveryState> find(long deliveryId) {
        return jdbc.sql("SELECT " + STATE_COLUMNS + " FROM delivery WHERE delivery_id = ?")
                .param(deliveryId)
                .query(DeliveryRecords::state)
                .optional();
    }

    Optional<DeliveryState> findByOutputReference(String outputReference) {
        return jdbc.sql("SELECT " + STATE_COLUMNS + " FROM delivery WHERE output_reference = ?")
                .param(outputReference)
                .query(DeliveryRecords::state)
                .optional();
    }

    /** Every share (and NOT_SHARED) of one accepted notification, in the order they were planned. */
    List<DeliveryState> ofNotification(String notificationReference) {
        return jdbc.sql("SELECT " + STATE_COLUMNS + " FROM delivery WHERE notification_reference = ? "
                        + "AND outbox_kind = 'SHARE' ORDER BY delivery_id")
                .param(notificationReference)
                .query(DeliveryRecords::state)
                .list();
    }

    boolean markSent(long deliveryId, String node, Instant now, String messageId) {
        return jdbc.sql("UPDATE delivery SET status = 'SENT', sent_at = ?, message_id = ?, reason_code = NULL, "
                        + "attempts = attempts + 1, next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL, "
                        + "updated_at = ? WHERE delivery_id = ? AND status = 'PENDING' AND claimed_by = ?")
                .params(at(now), messageId, at(now), deliveryId, node)
                .update() == 1;
    }

    /** Counts a transient failure and puts the delivery back in the outbox for {@code next}. */
    boolean retryLater(long deliveryId, String node, Instant now, Instant next, String reasonCode) {
        return jdbc.sql("UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?, reason_code = ?, "
                        + "claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                        + "WHERE delivery_id = ? AND status = 'PENDING' AND claimed_by = ?")
                .params(at(next), reasonCode, at(now), deliveryId, node)
                .update() == 1;
    }

    boolean markFailed(long deliveryId, String node, Instant now, String reasonCode) {
        return jdbc.sql("UPDATE delivery SET status = 'FAILED', reason_code = ?, attempts = attempts + 1, "
                        + "next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                        + "WHERE delivery_id = ? AND status = 'PENDING' AND claimed_by = ?")
                .params(reasonCode, at(now), deliveryId, node)
                .update() == 1;
    }

    /**
     * Makes PENDING deliveries of a channel that are waiting out a back-off after one of these
     * faults due now; returns how many. Used when the channel is seen working again.
     */
    int retryNow(Channel channel, List<String> reasonCodes, Instant now) {
        String placeholders = String.join(", ", Collections.nCopies(reasonCodes.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(at(now), at(now), at(now), channel.name()));
        params.addAll(reasonCodes);
        return jdbc.sql("UPDATE delivery SET next_attempt_at = ?, updated_at = ? "
                        + "WHERE status = 'PENDING' AND next_attempt_at > ? AND channel = ? AND reason_code IN ("
                        + placeholders + ")")
                .params(params)
                .update();
    }

    private static DeliveryState state(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        String recipientType = rs.getString("recipient_type");
        return new DeliveryState(
                rs.getLong("delivery_id"),
                rs.getString("notification_reference"),
                rs.getString("output_reference"),
                rs.getString("sending_force"),
                recipientType == null ? null : RecipientType.valueOf(recipientType),
                rs.getString("recipient"),
                rs.getString("kind"),
                rs.getString("document_type"),
                channel == null ? null : Channel.valueOf(channel),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("reason_code"),
                instant(rs, "due_by"),
                rs.getInt("attempts"),
                instant(rs, "sent_at"),
                rs.getString("message_id"),
                rs.getString("replaces_reference"),
                OutboxKind.valueOf(rs.getString("outbox_kind")),
                rs.getString("source_reference"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
