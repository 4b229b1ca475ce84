package org.mashgateway.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Destroys every stored body past its retention period, every {@code mash.retention.interval}
 * (route {@code retention}, {@code routes/scheduled.camel.yaml}; first once the gateway is up). Each body is destroyed in a transaction of its own together with
 * its {@code DESTROYED} decision (reason {@code RETENTION_PERIOD_ENDED}) and its acknowledgement
 * link row, so the trail never claims a destruction that did not happen, nor misses one.
 *
 * <p>Safe with several gateway nodes: each may pick the same bodies, but {@link MessageStore#destroy}
 * changes a live row only once (a conditional UPDATE, which waits for a concurrent one and then
 * finds the row already destroyed), and only the node whose UPDATE changed it writes the decision.
 * A failing run is logged and counted; the next one happens as planned.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionJob {

    static final String REASON = "RETENTION_PERIOD_ENDED";

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    // The body's document type is the one its decisions name (ACCEPTED for an input, SHARED for an
    // output); a body without a decision (none should exist) falls under the default period.
    private static final String CANDIDATES = "SELECT b.gateway_reference, b.stored_at, "
            + "(SELECT MIN(d.document_type) FROM decision_record d WHERE d.gateway_reference = b.gateway_reference) "
            + "FROM message_body b WHERE b.destroyed_at IS NULL AND b.stored_at < ? "
            + "AND (b.stored_at > ? OR (b.stored_at = ? AND b.gateway_reference > ?)) "
            + "ORDER BY b.stored_at, b.gateway_reference FETCH FIRST %d ROWS ONLY";

    private final MessageStore store;
    private final DecisionLog decisions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionJob(MessageStore store, DecisionLog decisions, DataSource dataSource, PlatformTransactionManager transactions,
            RetentionProperties properties, Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** One run: destroys every body past its period now; returns how many this node destroyed. */
    public int run() {
        Instant now = clock.instant();
        // Nothing younger than the shortest period can be due; older bodies are read in pages by key.
        OffsetDateTime youngestDue = utc(now.minus(Duration.ofDays(properties.shortestDays())));
        OffsetDateTime afterAt = utc(Instant.EPOCH);
        String afterReference = "";
        int destroyed = 0;
        while (true) {
            List<Candidate> page = jdbc.query(CANDIDATES.formatted(properties.batchSize()),
                    (rs, n) -> new Candidate(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)),
                    youngestDue, afterAt, afterAt, afterReference);
            for (Candidate candidate : page) {
                Instant due = candidate.storedAt().toInstant().plus(Duration.ofDays(properties.daysFor(candidate.documentType())));
                if (!due.isAfter(now) && destroy(candidate)) {
                    destroyed++;
                }
            }
            if (page.size() < properties.batchSize()) {
                break;
            }
            Candidate last = page.get(page.size() - 1);
            afterAt = last.storedAt();
            afterReference = last.reference();
        }
        if (destroyed > 0) {
            log.info("Retention destroyed {} stored bodies past their period", destroyed);
        }
        return destroyed;
    }

    private boolean destroy(Candidate candidate) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!store.destroy(candidate.reference())) {
                return false; // another node destroyed it first, and recorded it
            }
            // The link of an output whose body is gone can never be sent again: its row goes too.
            jdbc.update("DELETE FROM acknowledgement_link WHERE output_reference = ?", candidate.reference());
            decisions.append(Decision.of(DecisionKind.DESTROYED)
                    .reasonCode(REASON)
                    .gatewayReference(candidate.reference())
                    .documentType(candidate.documentType())
                    .build());
            return true;
        }));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Candidate(String reference, OffsetDateTime storedAt, String documentType) {}
}
