package org.mashgateway.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** What a gateway's store holds of the notifications it accepted, read by the kill tests after the kills. */
public final class StoredNotifications {

    private StoredNotifications() {
    }

    /** Police notification id to the gateway reference it was accepted under. */
    public static Map<String, String> referencesById(Connection store) throws SQLException {
        Map<String, String> references = new HashMap<>();
        try (PreparedStatement query = store.prepareStatement("SELECT notification_id, reference FROM received_notification");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                references.put(rows.getString(1), rows.getString(2));
            }
        }
        return references;
    }

    /** Until no share is PENDING any more (a dead node's claims lapse after their lease); fails after {@code patience}. */
    public static void awaitNoPendingShares(TestDatabase.Url database, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try (Connection store = database.open();
                    PreparedStatement query = store.prepareStatement(
                            "SELECT COUNT(*) FROM delivery WHERE outbox_kind = 'SHARE' AND status = 'PENDING'");
                    ResultSet rows = query.executeQuery()) {
                rows.next();
                long pending = rows.getLong(1);
                if (pending == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(pending + " shares still pending after " + patience);
                }
            }
            Thread.sleep(500);
        }
    }
}
