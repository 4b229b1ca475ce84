package org.mashgateway.acknowledgement;

import static org.mashgateway.sql.DatabaseTime.at;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code acknowledgement_link} table: one row per link, keyed by the SHA-256 of its token, with
 * the nonce and master key id its token is derived from ({@link LinkTokens}), so that the database
 * never holds a token someone could use. Joins the caller's transaction.
 */
@Repository
class LinkRecords {

    private final JdbcClient jdbc;

    LinkRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String outputReference, String issueNonce, String keyId, Instant expiresAt,
            Instant now) {
        jdbc.sql("INSERT INTO acknowledgement_link (token_hash, output_reference, issue_nonce, key_id, expires_at, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(tokenHash, outputReference, issueNonce, keyId, at(expiresAt), at(now))
                .update();
    }

    /**
     * Replaces the token of this delivery's link, unless it was used or was issued before tokens
     * were derived (its token is in the stored text then); its expiry stays.
     */
    void reissue(String outputReference, String tokenHash, String issueNonce, String keyId) {
        jdbc.sql("UPDATE acknowledgement_link SET token_hash = ?, issue_nonce = ?, key_id = ? "
                        + "WHERE output_reference = ? AND used_at IS NULL "
                        + "AND issue_nonce IS NOT NULL")
                .params(tokenHash, issueNonce, keyId, outputReference)
                .update();
    }

    /** What the mail of this delivery needs to carry its link: empty when it has none. */
    Optional<Issued> issuedFor(String outputReference) {
        return jdbc.sql("SELECT token_hash, issue_nonce, key_id FROM acknowledgement_link WHERE output_reference = ?")
                .param(outputReference)
                .query((rs, row) -> new Issued(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    Optional<Link> find(String tokenHash) {
        return jdbc.sql("SELECT output_reference, expires_at, used_at FROM acknowledgement_link WHERE token_hash = ?")
                .param(tokenHash)
                .query((rs, row) -> new Link(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class) == null ? null
                                : rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Marks the link used; false when it was used already (by another request or node). */
    boolean markUsed(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE acknowledgement_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
                .params(at(now), tokenHash)
                .update() == 1;
    }

    /**
     * How a link was issued, to make its token again when its mail is built.
     *
     * @param issueNonce hex of the random nonce; null for a link issued before tokens were derived
     * @param keyId the master key the link key is derived from; null likewise
     */
    record Issued(String tokenHash, String issueNonce, String keyId) {}

    /** What the gateway holds about one link: which delivery it acknowledges, until when, and whether it was used. */
    record Link(String outputReference, Instant expiresAt, Instant usedAt) {}
}
