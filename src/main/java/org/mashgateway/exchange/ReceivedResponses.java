package org.mashgateway.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.mashgateway.intake.IngressChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The information responses the gateway accepted, keyed by the agency and its ResponseId. */
@Repository
class ReceivedResponses {

    private final JdbcClient jdbc;

    ReceivedResponses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<HeldResponse> find(String fromAgency, String responseId) {
        return jdbc.sql("""
                SELECT response_id, reference, canonical_hash, late FROM information_response
                WHERE from_agency = ? AND response_id = ?""")
                .params(fromAgency, responseId)
                .query((rs, row) -> new HeldResponse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    void insert(String fromAgency, String requestId, HeldResponse response, String caseworkReference,
            IngressChannel via, Instant receivedAt) {
        jdbc.sql("""
                INSERT INTO information_response (from_agency, response_id, request_id, reference, canonical_hash, late,
                    received_via, received_at, casework_reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(fromAgency, response.responseId(), requestId, response.reference(), response.canonicalHash(),
                        response.late(), via.name(), Timestamp.from(receivedAt), caseworkReference)
                .update();
    }

    /** A response as the gateway remembers it; no personal data. */
    record HeldResponse(String responseId, String reference, String canonicalHash, boolean late) {}
}
