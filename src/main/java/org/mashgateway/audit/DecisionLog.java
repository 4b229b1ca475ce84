package org.mashgateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.mashgateway.scheduling.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that writes decisions: appends them to the hash-chained decision record, finds
 * them again by reference or by subject (whole or a page at a time), and verifies the chain.
 *
 * <p>There is deliberately no way to change or remove a record. Appends are serialised through the
 * one-row {@code decision_chain_head} table, locked with {@code SELECT … FOR UPDATE} inside the
 * appending transaction, so appends from every thread and every gateway node sharing the database
 * form one linear chain. An append joins the caller's JDBC transaction when there is one, so a
 * decision commits or rolls back together with the work it describes; the head stays locked until
 * that transaction ends, so callers should append last and commit promptly.
 */
@Component
public class DecisionLog {

    static final int DEFAULT_PAGE_SIZE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);

    private static final String COLUMNS = "record_id, recorded_at, policy_version, decision, reason_code, "
            + "lawful_basis, sender, recipient, gateway_reference, document_type, minimisation_profile, "
            + "fields_shared, fields_dropped, document_hash, previous_hash, record_hash";

    /** Keeps IN lists well below every driver's parameter limit. */
    private static final int MAX_IN_LIST = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int pageSize;
    private final DecisionCounts counts;

    /** Without counters: for tools and tests that read or write the record outside the gateway. */
    public DecisionLog(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_PAGE_SIZE, new DecisionCounts(null));
    }

    @Autowired
    public DecisionLog(DataSource dataSource, Clock clock, ObjectProvider<MeterRegistry> meters) {
        this(dataSource, clock, DEFAULT_PAGE_SIZE, new DecisionCounts(meters.getIfAvailable()));
    }

    DecisionLog(DataSource dataSource, Clock clock, int pageSize) {
        this(dataSource, clock, pageSize, new DecisionCounts(null));
    }

    private DecisionLog(DataSource dataSource, Clock clock, int pageSize, DecisionCounts counts) {
        this.jdbc = new JdbcTemplate(dataSource);
        // A transaction manager of our own over the same DataSource: Spring binds a JDBC transaction
        // to its DataSource, so this joins whatever transaction a caller already holds on it (whichever
        // manager began it) and does not depend on which TransactionManager beans the app defines.
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.clock = clock;
        this.pageSize = pageSize;
        this.counts = counts;
    }

    /** Appends a decision at the end of the chain, in the caller's transaction if there is one. */
    public DecisionRecord append(Decision decision) {
        Objects.requireNonNull(decision, "decision");
        return appendAll(List.of(decision)).get(0);
    }

    /**
     * Appends several decisions as consecutive records under one lock of the head, in the caller's
     * transaction if there is one. Recording the decisions of one message together (its fan-out:
     * every SHARED and NOT_SHARED) costs one lock and one commit instead of one each.
     */
    public List<DecisionRecord> appendAll(List<Decision> decisions) {
        List<Decision> batch = List.copyOf(decisions);
        if (batch.isEmpty()) {
            return List.of();
        }
        return transactions.execute(status -> {
            List<DecisionRecord> appended = appendUnderHeadLock(batch);
            AfterCommit.run(() -> counts.count(batch)); // a rolled-back decision was never made
            return appended;
        });
    }

    /** Every record about this gateway reference, oldest first. */
    public List<DecisionRecord> byReference(String gatewayReference) {
        List<ChainRecord> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM decision_record WHERE gateway_reference = ? ORDER BY record_id",
                DecisionLog::chainRecord, gatewayReference);
        return withSubjectKeys(rows).stream().map(ChainRecord::toDecisionRecord).toList();
    }

    /** Every record about the subject with this {@link SubjectKeys keyed hash}, oldest first. */
    public List<DecisionRecord> bySubjectKey(String subjectKey) {
        List<ChainRecord> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM decision_record WHERE record_id IN "
                        + "(SELECT record_id FROM decision_subject_key WHERE subject_key = ?) ORDER BY record_id",
                DecisionLog::chainRecord, subjectKey);
        return withSubjectKeys(rows).stream().map(ChainRecord::toDecisionRecord).toList();
    }

    /** One page of {@link #byReference}: the records about this gateway reference, oldest first. */
    public DecisionPage byReference(String gatewayReference, int page, int pageSize) {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM decision_record WHERE gateway_reference = ?",
                Long.class, gatewayReference);
        return page(total, page, pageSize, "SELECT " + COLUMNS + " FROM decision_record WHERE gateway_reference = ? "
                + "ORDER BY record_id", gatewayReference);
    }

    /** One page of {@link #bySubjectKey}: the records about this subject, oldest first. */
    public DecisionPage bySubjectKey(String subjectKey, int page, int pageSize) {
        long total = jdbc.queryForObject("SELECT COUNT(DISTINCT record_id) FROM decision_subject_key WHERE subject_key = ?",
                Long.class, subjectKey);
        return page(total, page, pageSize, "SELECT " + COLUMNS + " FROM decision_record WHERE record_id IN "
                + "(SELECT record_id FROM decision_subject_key WHERE subject_key = ?) ORDER BY record_id", subjectKey);
    }

    private DecisionPage page(long total, int page, int pageSize, String query, String argument) {
        if (page < 0 || pageSize < 1) {
            throw new IllegalArgumentException("page must be 0 or more and pageSize 1 or more");
        }
        List<ChainRecord> rows = jdbc.query(query + " OFFSET ? ROWS FETCH FIRST ? ROWS ONLY",
                DecisionLog::chainRecord, argument, (long) page * pageSize, pageSize);
        List<DecisionRecord> records = withSubjectKeys(rows).stream().map(ChainRecord::toDecisionRecord).toList();
        return new DecisionPage(records, total, page, pageSize);
    }

    /** {@link #verify(Checkpoint)} without a checkpoint: the chain against its own head only. */
    public ChainVerification verify() {
        return verify(null);
    }

    /**
     * Walks the chain from record 1 to the head in pages of record-id order, recomputing every hash
     * and link, and reports the first break. Memory stays bounded whatever the length of the chain.
     * Records appended while the walk runs lie past the head it started from and are left for the
     * next walk.
     *
     * <p>With a signed {@code checkpoint} (kept outside the database), the chain must also still
     * hold the record it names with the hash it names, and reach at least that far: someone who can
     * write to the database can re-hash a rewritten tail and its head, but cannot sign a checkpoint.
     */
    public ChainVerification verify(Checkpoint checkpoint) {
        Head head = head();
        long expectedId = 1;
        String previousHash = ChainRecord.GENESIS_HASH;
        String checkpointedHash = checkpoint != null && checkpoint.recordId() == 0 ? ChainRecord.GENESIS_HASH : null;
        long checked = 0;
        while (expectedId <= head.lastRecordId()) {
            List<ChainRecord> page = page(expectedId - 1, head.lastRecordId());
            if (page.isEmpty()) {
                break;
            }
            for (ChainRecord row : page) {
                ChainVerification.Problem problem = null;
                if (row.recordId() != expectedId) {
                    problem = ChainVerification.Problem.GAP;
                } else if (!row.previousHash().equals(previousHash)) {
                    problem = ChainVerification.Problem.PREVIOUS_LINK_MISMATCH;
                } else if (!row.computedHash().equals(row.hash())) {
                    problem = ChainVerification.Problem.HASH_MISMATCH;
                }
                if (problem != null) {
                    return reportBroken(checked, expectedId, problem, head, checkpoint);
                }
                if (checkpoint != null && row.recordId() == checkpoint.recordId()) {
                    checkpointedHash = row.hash();
                }
                checked++;
                expectedId++;
                previousHash = row.hash();
            }
        }
        if (expectedId - 1 != head.lastRecordId()) {
            return reportBroken(checked, expectedId, ChainVerification.Problem.GAP, head, checkpoint);
        }
        if (!previousHash.equals(head.lastHash())) {
            return reportBroken(checked, head.lastRecordId(), ChainVerification.Problem.HEAD_MISMATCH, head, checkpoint);
        }
        if (checkpoint != null && head.lastRecordId() < checkpoint.recordId()) {
            return reportBroken(checked, head.lastRecordId() + 1, ChainVerification.Problem.SHORTER_THAN_CHECKPOINT, head,
                    checkpoint);
        }
        if (checkpoint != null && !checkpoint.recordHash().equals(checkpointedHash)) {
            return reportBroken(checked, checkpoint.recordId(), ChainVerification.Problem.CHECKPOINT_MISMATCH, head,
                    checkpoint);
        }
        log.info("Decision record intact: {} records checked, head {}, checkpoint {}", checked, head.lastRecordId(),
                checkpoint == null ? "none" : checkpoint.recordId());
        return ChainVerification.intact(checked, head.lastRecordId(), head.lastHash(), checkpoint);
    }

    /** The chain head as the database holds it now: id and hash of the last record. */
    Head head() {
        return jdbc.queryForObject("SELECT last_record_id, last_hash FROM decision_chain_head WHERE id = 1",
                DecisionLog::head);
    }

    private ChainVerification reportBroken(long checked, long recordId, ChainVerification.Problem problem, Head head,
            Checkpoint checkpoint) {
        log.warn("Decision record broken at record {}: {} ({} records intact before it)", recordId, problem, checked);
        return ChainVerification.broken(checked, recordId, problem, head.lastRecordId(), head.lastHash(), checkpoint);
    }

    private List<DecisionRecord> appendUnderHeadLock(List<Decision> decisions) {
        Head head = jdbc.queryForObject(
                "SELECT last_record_id, last_hash FROM decision_chain_head WHERE id = 1 FOR UPDATE",
                DecisionLog::head);
        // Both databases keep microseconds; truncating first makes the hashed time the stored time.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ChainRecord> rows = new ArrayList<>(decisions.size());
        List<Object[]> recordParameters = new ArrayList<>(decisions.size());
        List<Object[]> keyParameters = new ArrayList<>();
        long recordId = head.lastRecordId();
        String previousHash = head.lastHash();
        for (Decision decision : decisions) {
            ChainRecord row = ChainRecord.of(++recordId, at, decision, previousHash);
            previousHash = row.hash();
            rows.add(row);
            recordParameters.add(new Object[] {row.recordId(), OffsetDateTime.ofInstant(row.at(), ZoneOffset.UTC),
                row.policyVersion(), row.decision(), row.reasonCode(), row.lawfulBasis(), row.sender(), row.recipient(),
                row.gatewayReference(), row.documentType(), row.minimisationProfile(), joined(row.fieldsShared()),
                joined(row.fieldsDropped()), row.documentHash(), row.previousHash(), row.hash()});
            for (int ordinal = 0; ordinal < row.subjectKeys().size(); ordinal++) {
                keyParameters.add(new Object[] {row.recordId(), ordinal, row.subjectKeys().get(ordinal)});
            }
        }
        jdbc.batchUpdate("INSERT INTO decision_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                recordParameters);
        if (!keyParameters.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO decision_subject_key (record_id, ordinal, subject_key) VALUES (?, ?, ?)", keyParameters);
        }
        jdbc.update("UPDATE decision_chain_head SET last_record_id = ?, last_hash = ? WHERE id = 1", recordId, previousHash);
        return rows.stream().map(ChainRecord::toDecisionRecord).toList();
    }

    private List<ChainRecord> page(long afterRecordId, long lastRecordId) {
        List<ChainRecord> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM decision_record WHERE record_id > ? AND record_id <= ? "
                        + "ORDER BY record_id FETCH FIRST " + pageSize + " ROWS ONLY",
                DecisionLog::chainRecord, afterRecordId, lastRecordId);
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<String>> keys = new HashMap<>();
        jdbc.query("SELECT record_id, subject_key FROM decision_subject_key WHERE record_id BETWEEN ? AND ? "
                        + "ORDER BY record_id, ordinal",
                (ResultSet rs) -> {
                    keys.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                },
                rows.get(0).recordId(), rows.get(rows.size() - 1).recordId());
        return attach(rows, keys);
    }

    private List<ChainRecord> withSubjectKeys(List<ChainRecord> rows) {
        Map<Long, List<String>> keys = new HashMap<>();
        for (int from = 0; from < rows.size(); from += MAX_IN_LIST) {
            List<ChainRecord> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_IN_LIST));
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT record_id, subject_key FROM decision_subject_key WHERE record_id IN (" + placeholders
                            + ") ORDER BY record_id, ordinal",
                    (ResultSet rs) -> {
                        keys.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                    },
                    chunk.stream().map(ChainRecord::recordId).toArray());
        }
        return attach(rows, keys);
    }

    private static List<ChainRecord> attach(List<ChainRecord> rows, Map<Long, List<String>> keys) {
        List<ChainRecord> complete = new ArrayList<>(rows.size());
        for (ChainRecord row : rows) {
            List<String> subjectKeys = keys.getOrDefault(row.recordId(), List.of());
            complete.add(new ChainRecord(row.recordId(), row.at(), row.policyVersion(), row.decision(),
                    row.reasonCode(), row.lawfulBasis(), row.sender(), row.recipient(), row.gatewayReference(),
                    row.documentType(), row.minimisationProfile(), row.fieldsShared(), row.fieldsDropped(),
                    subjectKeys, row.documentHash(), row.previousHash(), row.hash()));
        }
        return complete;
    }

    private static ChainRecord chainRecord(ResultSet rs, int rowNum) throws SQLException {
        return new ChainRecord(
                rs.getLong("record_id"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("policy_version"),
                rs.getString("decision"),
                rs.getString("reason_code"),
                rs.getString("lawful_basis"),
                rs.getString("sender"),
                rs.getString("recipient"),
                rs.getString("gateway_reference"),
                rs.getString("document_type"),
                rs.getString("minimisation_profile"),
                split(rs.getString("fields_shared")),
                split(rs.getString("fields_dropped")),
                List.of(),
                rs.getString("document_hash"),
                rs.getString("previous_hash"),
                rs.getString("record_hash"));
    }

    private static Head head(ResultSet rs, int rowNum) throws SQLException {
        return new Head(rs.getLong("last_record_id"), rs.getString("last_hash"));
    }

    /** Field names never contain a comma ({@link Decision} checks), so a comma list is unambiguous. */
    private static String joined(Collection<String> names) {
        return names.isEmpty() ? null : String.join(",", names);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(",", -1));
    }

    record Head(long lastRecordId, String lastHash) {}
}
