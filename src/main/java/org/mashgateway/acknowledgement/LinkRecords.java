package org.mashgateway.acknowledgement;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code acknowledgement_link} table: one row per link, keyed by the SHA-256 of its token, so
 * that the store never holds a token someone could use. Joins the caller's transaction.
 */
@Repository
class LinkRecords {

    private final JdbcClient jdbc;

    LinkRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String outputReference, Instant expiresAt, Instant now) {
        jdbc.sql("INSERT INTO acknowledgement_link (token_hash, output_reference, expires_at, created_at) VALUES (?, ?, ?, ?)")
                .params(tokenHash, outputReference, at(expiresAt), at(now))
                .update();
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

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** What the gateway holds about one link: which delivery it acknowledges, until when, and whether it was used. */
    record Link(String outputReference, Instant expiresAt, Instant usedAt) {}
}
