package org.mashgateway.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notifications and withdrawals the gateway has accepted, keyed by the police NotificationId. */
@Repository
class ReceivedNotifications {

    private final JdbcClient jdbc;

    ReceivedNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ReceivedNotification> find(String notificationId) {
        return jdbc.sql("""
                SELECT notification_id, force_code, reference, document_type, canonical_hash
                FROM received_notification WHERE notification_id = ?""")
                .param(notificationId)
                .query((rs, row) -> new ReceivedNotification(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    /**
     * @param replaces the NotificationId a correction or withdrawal names, else null
     * @param chainRoot the first notification of the chain (its own id for a first notification)
     * @param chainPosition 0 for a first notification, then one more than the chain's last
     */
    void insert(ReceivedNotification notification, String classificationReceived, String replaces,
            IngressChannel via, Instant receivedAt, String chainRoot, int chainPosition) {
        jdbc.sql("""
                INSERT INTO received_notification (notification_id, force_code, reference, document_type,
                    canonical_hash, classification_received, replaces_notification, received_via, received_at,
                    chain_root, chain_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(notification.notificationId(), notification.forceCode(), notification.reference(),
                        notification.documentType(), notification.canonicalHash(), classificationReceived,
                        replaces, via.name(), Timestamp.from(receivedAt), chainRoot, chainPosition)
                .update();
    }

    /**
     * Every version of the chain {@code notificationId} belongs to, in acceptance order (the first
     * notification, then its corrections and withdrawal), with the chain's first row locked until
     * the transaction ends: two corrections or withdrawals of one notification are planned one after
     * the other, each from the one before.
     */
    List<Version> lockedChainOf(String notificationId) {
        String root = jdbc.sql("SELECT COALESCE(chain_root, notification_id) FROM received_notification "
                        + "WHERE notification_id = ?")
                .param(notificationId)
                .query(String.class)
                .single();
        jdbc.sql("SELECT notification_id FROM received_notification WHERE notification_id = ? FOR UPDATE")
                .param(root)
                .query(String.class)
                .single();
        return jdbc.sql("""
                SELECT notification_id, reference, document_type, COALESCE(chain_position, 0) FROM received_notification
                WHERE notification_id = ? OR chain_root = ? ORDER BY COALESCE(chain_position, 0)""")
                .params(root, root)
                .query((rs, row) -> new Version(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** One accepted document of a chain: the police id, the gateway's reference, its type and place. */
    record Version(String notificationId, String reference, String documentType, int position) {}

    /** An accepted notification as the intake remembers it; no personal data. */
    record ReceivedNotification(
            String notificationId, String forceCode, String reference, String documentType, String canonicalHash) {}
}
