package org.mashgateway.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The information requests the case system sent through the gateway, keyed by its RequestId. */
@Repository
class InformationRequests {

    private final JdbcClient jdbc;

    InformationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<HeldRequest> find(String requestId) {
        return jdbc.sql("SELECT request_id, to_agency, reference, canonical_hash FROM information_request WHERE request_id = ?")
                .param(requestId)
                .query((rs, row) -> new HeldRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    void insert(HeldRequest request, String caseSystem, Instant respondBy, IngressChannel via, Instant receivedAt) {
        jdbc.sql("""
                INSERT INTO information_request (request_id, case_system, to_agency, reference, canonical_hash,
                    respond_by, received_via, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(request.requestId(), caseSystem, request.toAgency(), request.reference(), request.canonicalHash(),
                        Timestamp.from(respondBy), via.name(), Timestamp.from(receivedAt))
                .update();
    }

    /** A request as the gateway remembers it; no personal data. */
    record HeldRequest(String requestId, String toAgency, String reference, String canonicalHash) {}
}
