package org.mashgateway.intake;

import java.sql.Timestamp;
import java.time.Instant;
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

    void insert(ReceivedNotification notification, String classificationReceived, String replaces,
            IngressChannel via, Instant receivedAt) {
        jdbc.sql("""
                INSERT INTO received_notification (notification_id, force_code, reference, document_type,
                    canonical_hash, classification_received, replaces_notification, received_via, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(notification.notificationId(), notification.forceCode(), notification.reference(),
                        notification.documentType(), notification.canonicalHash(), classificationReceived,
                        replaces, via.name(), Timestamp.from(receivedAt))
                .update();
    }

    /** An accepted notification as the intake remembers it; no personal data. */
    record ReceivedNotification(
            String notificationId, String forceCode, String reference, String documentType, String canonicalHash) {}
}
