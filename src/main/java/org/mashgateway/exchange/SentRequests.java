package org.mashgateway.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The information requests the gateway sent to agencies (table {@code information_request}, written
 * by the request intake), as a response needs them: to whom, by when, and whether still open.
 */
@Repository
class SentRequests {

    private final JdbcClient jdbc;

    SentRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The request, locked for this transaction so that closing it and answering it do not race. */
    Optional<SentRequest> findForUpdate(String requestId) {
        return jdbc.sql("""
                SELECT request_id, case_system, to_agency, reference, respond_by, closed_at
                FROM information_request WHERE request_id = ? FOR UPDATE""")
                .param(requestId)
                .query((rs, row) -> new SentRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .optional();
    }

    void close(String requestId, Instant at) {
        jdbc.sql("UPDATE information_request SET closed_at = ? WHERE request_id = ? AND closed_at IS NULL")
                .params(Timestamp.from(at), requestId)
                .update();
    }

    /** A request as the gateway remembers it; no personal data. {@code closedAt} is null while open. */
    record SentRequest(String requestId, String caseSystem, String toAgency, String reference, Instant respondBy,
            Instant closedAt) {

        boolean isClosed() {
            return closedAt != null;
        }
    }
}
