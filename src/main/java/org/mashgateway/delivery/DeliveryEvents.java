package org.mashgateway.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A delivery's history after it was scheduled ({@code delivery_event}): each attempt that failed
 * and why, SENT, FAILED, and the admins' retries and parkings with who acted. Written in the
 * transaction that changes the delivery's state, so the history and the state never disagree.
 * Codes and counts only, never content.
 */
@Repository
class DeliveryEvents {

    /** The last attempt did not succeed; the delivery waits for its next one. */
    static final String ATTEMPT_FAILED = "ATTEMPT_FAILED";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    /** An admin put a FAILED delivery back in the outbox. */
    static final String RETRIED_BY_ADMIN = "RETRIED_BY_ADMIN";
    /** An admin stopped a PENDING delivery being tried again. */
    static final String PARKED_BY_ADMIN = "PARKED_BY_ADMIN";

    private final JdbcClient jdbc;

    DeliveryEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long deliveryId, String event, DeliveryStatus status, String reasonCode, int attempts, String actor,
            Instant at) {
        jdbc.sql("""
                INSERT INTO delivery_event (delivery_id, occurred_at, event, status, reason_code, attempts, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(deliveryId, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC), event,
                        status.name(), reasonCode, attempts, actor)
                .update();
    }
}
