package org.mashgateway.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the casework outbox (table {@code casework_output}): pending, claimed with a lease, sent or failed. */
@Repository
class CaseworkOutputs {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private final JdbcClient jdbc;

    CaseworkOutputs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPending(Output output, Instant now) {
        jdbc.sql("""
                INSERT INTO casework_output (reference, source_reference, case_system, document_type, kind, state,
                    not_before, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(output.reference(), output.sourceReference(), output.caseSystem(), output.documentType(),
                        output.kind(), PENDING, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    /** Up to {@code limit} outputs that are due and not leased by anyone, oldest first. */
    List<Output> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT reference, source_reference, case_system, document_type, kind, attempts FROM casework_output
                WHERE state = ? AND not_before <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY created_at LIMIT ?""")
                .params(PENDING, Timestamp.from(now), Timestamp.from(now), limit)
                .query((rs, row) -> new Output(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list();
    }

    /** Takes the lease on one output; false when another node (or thread) holds it. */
    boolean claim(String reference, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE casework_output SET lease_until = ?
                WHERE reference = ? AND state = ? AND (lease_until IS NULL OR lease_until < ?)""")
                .params(Timestamp.from(leaseUntil), reference, PENDING, Timestamp.from(now))
                .update() == 1;
    }

    void sent(String reference, Instant at) {
        jdbc.sql("UPDATE casework_output SET state = ?, sent_at = ?, lease_until = NULL, attempts = attempts + 1 "
                        + "WHERE reference = ?")
                .params(SENT, Timestamp.from(at), reference)
                .update();
    }

    void retryLater(String reference, String reasonCode, Instant notBefore) {
        jdbc.sql("UPDATE casework_output SET not_before = ?, lease_until = NULL, attempts = attempts + 1, reason_code = ? "
                        + "WHERE reference = ?")
                .params(Timestamp.from(notBefore), reasonCode, reference)
                .update();
    }

    void failed(String reference, String reasonCode) {
        jdbc.sql("UPDATE casework_output SET state = ?, lease_until = NULL, attempts = attempts + 1, reason_code = ? "
                        + "WHERE reference = ?")
                .params(FAILED, reasonCode, reference)
                .update();
    }

    String state(String reference) {
        return jdbc.sql("SELECT state FROM casework_output WHERE reference = ?").param(reference)
                .query(String.class).optional().orElse(null);
    }

    /** One document for the case system; no personal data. */
    record Output(String reference, String sourceReference, String caseSystem, String documentType, String kind,
            int attempts) {}
}
