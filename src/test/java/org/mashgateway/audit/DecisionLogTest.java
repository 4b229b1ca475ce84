package org.mashgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mashgateway.audit.ChainVerification.Problem;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = AuditSlice.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DecisionLogTest {

    /** Known to the test too: a second node's pool opens it. */
    private static final TestDatabase.Url DATABASE = TestDatabase.fresh("decision-log");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    SubjectKeys subjectKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    private final GatewayReferences references = new GatewayReferences();

    @BeforeEach
    void emptyRecord() {
        AuditSlice.reset(jdbc);
    }

    @Test
    void theFirstRecordLinksToSixtyFourZerosAndEachNextToTheOneBefore() {
        DecisionRecord first = decisionLog.append(shared(references.next()));
        DecisionRecord second = decisionLog.append(shared(references.next()));

        assertThat(first.recordId()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo("0".repeat(64));
        assertThat(second.recordId()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(first.hash()).matches("[0-9a-f]{64}").isNotEqualTo(second.hash());
    }

    @Test
    void aRecordReadsBackExactlyAsAppended() {
        String reference = references.next();
        String subject = subjectKeys.keyFor("Amara Grace", "Okonkwo-Test", LocalDate.of(2016, 4, 9));
        Decision decision = Decision.of(DecisionKind.SHARED)
                .policyVersion("2026.1")
                .reasonCode("SCHOOL_OF_CHILD")
                .lawfulBasis("UK GDPR Art. 6(1)(e) public task; Art. 9(2)(g)")
                .sender("FORCE-01")
                .recipient("100001")
                .gatewayReference(reference)
                .documentType("SchoolNotification")
                .minimisationProfile("sdat@3")
                .fieldsShared(List.of("Incident/Date", "Child/Name"))
                .fieldsDropped(List.of("RiskLevel", "OfficerInCase/Phone"))
                .subjectKey(subject)
                .documentHashOf("<DomesticAbuseNotification/>".getBytes())
                .build();

        DecisionRecord appended = decisionLog.append(decision);
        List<DecisionRecord> found = decisionLog.byReference(reference);

        assertThat(found).containsExactly(appended);
        DecisionRecord record = found.get(0);
        assertThat(record.decision()).isEqualTo(DecisionKind.SHARED);
        assertThat(record.fieldsShared()).containsExactly("Incident/Date", "Child/Name");
        assertThat(record.fieldsDropped()).containsExactly("RiskLevel", "OfficerInCase/Phone");
        assertThat(record.subjectKeys()).containsExactly(subject);
        assertThat(record.documentHash()).isEqualTo(Decision.sha256Hex("<DomesticAbuseNotification/>".getBytes()));
        assertThat(record.at().getNano() % 1_000).isZero();
    }

    @Test
    void aSubjectAccessSearchWithTheSameNameAndBirthDateFindsTheRecords() {
        String child = subjectKeys.keyFor("Siân", "O’Brien-Test", LocalDate.of(2015, 1, 31));
        String adult = subjectKeys.keyFor("Lee", "Example", LocalDate.of(1990, 6, 1));
        String reference = references.next();
        decisionLog.append(Decision.of(DecisionKind.ACCEPTED).gatewayReference(reference).subjectKeys(List.of(adult, child)).build());
        decisionLog.append(Decision.of(DecisionKind.SHARED).gatewayReference(reference).subjectKey(adult).build());
        decisionLog.append(Decision.of(DecisionKind.NOT_SHARED).reasonCode("NO_SCHOOL_RECORDED")
                .gatewayReference(reference).subjectKey(child).build());

        List<DecisionRecord> found = decisionLog.bySubjectKey(
                subjectKeys.keyFor("SIÂN", "o'brien-test", LocalDate.of(2015, 1, 31)));

        assertThat(found).extracting(DecisionRecord::recordId).containsExactly(1L, 3L);
        assertThat(found.get(0).subjectKeys()).containsExactly(adult, child);
    }

    @Test
    void anIntactChainVerifiesAcrossManyPages() {
        for (int i = 0; i < 50; i++) {
            decisionLog.append(shared(references.next()));
        }

        ChainVerification result = decisionLog.verify();

        assertThat(result.ok()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(50);
        assertThat(result.lastRecordId()).isEqualTo(50);
        assertThat(result.lastHash()).isEqualTo(decisionLog.byReference(lastReference()).get(0).hash());
        assertThat(result.firstBrokenRecordId()).isNull();
    }

    @Test
    void anEmptyRecordIsIntact() {
        ChainVerification result = decisionLog.verify();

        assertThat(result.ok()).isTrue();
        assertThat(result.recordsChecked()).isZero();
        assertThat(result.lastHash()).isEqualTo("0".repeat(64));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(quoteCharacter = '"', value = {
        "recorded_at,          TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00', HASH_MISMATCH",
        "policy_version,       '2026.2',                 HASH_MISMATCH",
        "decision,             'NOT_SHARED',             HASH_MISMATCH",
        "decision,             'NO_SUCH_DECISION',       HASH_MISMATCH",
        "reason_code,          'ALTERED',                HASH_MISMATCH",
        "reason_code,          NULL,                     HASH_MISMATCH",
        "lawful_basis,         'none',                   HASH_MISMATCH",
        "sender,               'FORCE-02',               HASH_MISMATCH",
        "recipient,            '100002',                 HASH_MISMATCH",
        "gateway_reference,    'MGW-00000000000000000000000000', HASH_MISMATCH",
        "document_type,        'SchoolNotification',     HASH_MISMATCH",
        "minimisation_profile, 'all@1',                  HASH_MISMATCH",
        "fields_shared,        \"'Incident/Date,RiskLevel'\", HASH_MISMATCH",
        "fields_dropped,       NULL,                     HASH_MISMATCH",
        "document_hash,        NULL,                     HASH_MISMATCH",
        "record_hash,          'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', HASH_MISMATCH",
        "previous_hash,        '0000000000000000000000000000000000000000000000000000000000000000', PREVIOUS_LINK_MISMATCH",
        "record_id,            99,                       GAP"
    })
    void anUpdateMadeDirectlyInSqlToAnyColumnBreaksTheChainAtThatRecord(String column, String value, Problem problem) {
        appendThree();
        // The subject key rows refer to record 2, so renumbering it needs them out of the way first.
        if (column.equals("record_id")) {
            jdbc.update("DELETE FROM decision_subject_key WHERE record_id = 2");
        }

        assertThat(jdbc.update("UPDATE decision_record SET " + column + " = " + value + " WHERE record_id = 2")).isEqualTo(1);
        ChainVerification result = decisionLog.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenRecordId()).isEqualTo(2);
        assertThat(result.problem()).isEqualTo(problem);
        assertThat(result.recordsChecked()).isEqualTo(1);
    }

    @Test
    void changingAddingOrRemovingASubjectKeyInSqlBreaksTheChain() {
        appendThree();
        String other = subjectKeys.keyFor("Other", "Person", LocalDate.of(2001, 1, 1));

        jdbc.update("UPDATE decision_subject_key SET subject_key = ? WHERE record_id = 2", other);
        assertThat(decisionLog.verify()).extracting(ChainVerification::firstBrokenRecordId, ChainVerification::problem)
                .containsExactly(2L, Problem.HASH_MISMATCH);

        AuditSlice.reset(jdbc);
        appendThree();
        jdbc.update("INSERT INTO decision_subject_key (record_id, ordinal, subject_key) VALUES (3, 1, ?)", other);
        assertThat(decisionLog.verify()).extracting(ChainVerification::firstBrokenRecordId, ChainVerification::problem)
                .containsExactly(3L, Problem.HASH_MISMATCH);

        AuditSlice.reset(jdbc);
        appendThree();
        jdbc.update("DELETE FROM decision_subject_key WHERE record_id = 1");
        assertThat(decisionLog.verify()).extracting(ChainVerification::firstBrokenRecordId, ChainVerification::problem)
                .containsExactly(1L, Problem.HASH_MISMATCH);
    }

    @Test
    void deletingAMiddleRecordInSqlIsReportedAsAGapAtThatRecord() {
        for (int i = 0; i < 20; i++) {
            decisionLog.append(shared(references.next()));
        }

        // Record 15 is the first of a page of seven, so the gap also straddles a page boundary.
        jdbc.update("DELETE FROM decision_record WHERE record_id = 15");
        ChainVerification result = decisionLog.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenRecordId()).isEqualTo(15);
        assertThat(result.problem()).isEqualTo(Problem.GAP);
        assertThat(result.recordsChecked()).isEqualTo(14);
    }

    @Test
    void deletingAMiddleRecordAndRenumberingTheRestStillBreaksTheLink() {
        appendThree();

        jdbc.update("DELETE FROM decision_subject_key WHERE record_id IN (2, 3)");
        jdbc.update("DELETE FROM decision_record WHERE record_id = 2");
        jdbc.update("UPDATE decision_record SET record_id = 2 WHERE record_id = 3");
        jdbc.update("UPDATE decision_chain_head SET last_record_id = 2");
        ChainVerification result = decisionLog.verify();

        assertThat(result.firstBrokenRecordId()).isEqualTo(2);
        assertThat(result.problem()).isEqualTo(Problem.PREVIOUS_LINK_MISMATCH);
    }

    @Test
    void deletingTheLastRecordIsReportedAsAGapBeforeTheHead() {
        appendThree();

        jdbc.update("DELETE FROM decision_subject_key WHERE record_id = 3");
        jdbc.update("DELETE FROM decision_record WHERE record_id = 3");
        ChainVerification result = decisionLog.verify();

        assertThat(result.firstBrokenRecordId()).isEqualTo(3);
        assertThat(result.problem()).isEqualTo(Problem.GAP);
        assertThat(result.recordsChecked()).isEqualTo(2);
    }

    @Test
    void aChainHeadThatDoesNotNameTheLastRecordIsReported() {
        appendThree();

        jdbc.update("UPDATE decision_chain_head SET last_hash = ?", "a".repeat(64));
        ChainVerification result = decisionLog.verify();

        assertThat(result.firstBrokenRecordId()).isEqualTo(3);
        assertThat(result.problem()).isEqualTo(Problem.HEAD_MISMATCH);
    }

    @Test
    void anAppendCommitsAndRollsBackWithTheCallersTransaction() {
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        String rolledBack = references.next();
        String committed = references.next();

        callers.executeWithoutResult(status -> {
            decisionLog.append(shared(rolledBack));
            // Inside the caller's transaction the record is already there...
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_record", Long.class)).isEqualTo(1);
            status.setRollbackOnly();
        });
        // ...and the caller's rollback takes it away, leaving no hole in the numbering.
        DecisionRecord next = callers.execute(status -> decisionLog.append(shared(committed)));

        assertThat(decisionLog.byReference(rolledBack)).isEmpty();
        assertThat(next.recordId()).isEqualTo(1);
        assertThat(decisionLog.verify().ok()).isTrue();
    }

    @Test
    void decisionsAppendedTogetherAreConsecutiveAndChained() {
        decisionLog.append(shared(references.next()));
        String reference = references.next();

        List<DecisionRecord> fanOut = decisionLog.appendAll(List.of(shared(reference),
                Decision.of(DecisionKind.NOT_SHARED).reasonCode("NO_SCHOOL_RECORDED").gatewayReference(reference).build(),
                shared(reference)));

        assertThat(fanOut).extracting(DecisionRecord::recordId).containsExactly(2L, 3L, 4L);
        assertThat(fanOut.get(1).previousHash()).isEqualTo(fanOut.get(0).hash());
        assertThat(fanOut.get(2).previousHash()).isEqualTo(fanOut.get(1).hash());
        assertThat(decisionLog.byReference(reference)).containsExactlyElementsOf(fanOut);
        assertThat(decisionLog.appendAll(List.of())).isEmpty();
        assertThat(decisionLog.verify().recordsChecked()).isEqualTo(4);
    }

    @Test
    void appendsFromManyThreadsFormOneLinearChain() throws Exception {
        List<DecisionRecord> appended = appendConcurrently(List.of(decisionLog), 8, 100);

        assertThat(appended).extracting(DecisionRecord::recordId)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 800).boxed().toList());
        ChainVerification result = decisionLog.verify();
        assertThat(result.ok()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(800);
    }

    @Test
    void twoGatewayNodesWithTheirOwnConnectionPoolsKeepOneChain() throws Exception {
        DataSource secondNodesPool = DataSourceBuilder.create().url(DATABASE.url()).username(DATABASE.username())
                .password(DATABASE.password()).build();
        DecisionLog secondNode = new DecisionLog(secondNodesPool, clock);
        try {
            List<DecisionRecord> appended = appendConcurrently(List.of(decisionLog, secondNode), 6, 50);

            assertThat(appended).extracting(DecisionRecord::recordId).doesNotHaveDuplicates().hasSize(300);
            assertThat(secondNode.verify().ok()).isTrue();
            assertThat(decisionLog.verify().recordsChecked()).isEqualTo(300);
        } finally {
            ((AutoCloseable) secondNodesPool).close();
        }
    }

    @Test
    void thereIsNoWayToChangeOrRemoveARecord() {
        assertThat(DecisionLog.class.getMethods())
                .extracting(java.lang.reflect.Method::getName)
                .filteredOn(name -> name.matches("(?i).*(update|delete|remove|set|edit|truncate|purge).*"))
                .isEmpty();
    }

    @Test
    void aDecisionWithANameWhereACodeBelongsIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Decision.of(DecisionKind.NOT_SHARED).reasonCode("Amara Okonkwo").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reasonCode")
                .hasMessageNotContaining("Amara");
        assertThatThrownBy(() -> Decision.of(DecisionKind.SHARED).fieldsShared(List.of("Child Name Amara")).build())
                .hasMessageNotContaining("Amara");
        assertThatThrownBy(() -> Decision.of(DecisionKind.SHARED).subjectKey("Amara Okonkwo 2016-04-09").build())
                .hasMessageNotContaining("Amara");
        assertThatThrownBy(() -> Decision.of(DecisionKind.SHARED).gatewayReference("POLICE-123/26").build())
                .hasMessageNotContaining("POLICE-123");
        assertThatThrownBy(() -> Decision.of(null).build()).isInstanceOf(IllegalArgumentException.class);
    }

    private List<DecisionRecord> appendConcurrently(List<DecisionLog> nodes, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<DecisionRecord>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DecisionLog node = nodes.get(t % nodes.size());
                Callable<List<DecisionRecord>> work = () -> {
                    List<DecisionRecord> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(node.append(shared(references.next())));
                    }
                    return mine;
                };
                futures.add(pool.submit(work));
            }
            List<DecisionRecord> all = new ArrayList<>();
            for (Future<List<DecisionRecord>> future : futures) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private void appendThree() {
        String child = subjectKeys.keyFor("Amara", "Okonkwo-Test", LocalDate.of(2016, 4, 9));
        for (int i = 0; i < 3; i++) {
            decisionLog.append(Decision.of(DecisionKind.SHARED)
                    .policyVersion("2026.1")
                    .reasonCode("EVERY_NOTIFICATION")
                    .lawfulBasis("UK GDPR Art. 6(1)(e) public task")
                    .sender("FORCE-01")
                    .recipient("SC-01")
                    .gatewayReference(references.next())
                    .documentType("AgencyNotification")
                    .minimisationProfile("social-care@1")
                    .fieldsShared(List.of("Incident/Date"))
                    .fieldsDropped(List.of("OfficerInCase/Phone"))
                    .subjectKey(child)
                    .documentHashOf(new byte[] {(byte) i})
                    .build());
        }
    }

    private String lastReference() {
        return jdbc.queryForObject("SELECT gateway_reference FROM decision_record ORDER BY record_id DESC FETCH FIRST 1 ROWS ONLY", String.class);
    }

    private static Decision shared(String reference) {
        return Decision.of(DecisionKind.SHARED).policyVersion("2026.1").recipient("SC-01").gatewayReference(reference).build();
    }
}
