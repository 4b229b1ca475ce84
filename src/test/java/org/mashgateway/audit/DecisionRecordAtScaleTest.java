package org.mashgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the decision record at production scale against a real database; it wipes that
 * database, so it runs only when pointed at one explicitly:
 * <pre>
 * ./mvnw -B -o test -Dtest=DecisionRecordAtScaleTest -DargLine="-Xmx128m \
 *     -Dmash.audit.scale-url=jdbc:postgresql://127.0.0.1:5432/scratch -Dmash.audit.scale-user=postgres"
 * </pre>
 * It prints the figures quoted in docs/audit.md and ADR 0003.
 */
@EnabledIfSystemProperty(named = "mash.audit.scale-url", matches = ".+")
class DecisionRecordAtScaleTest {

    private static final String KEY = "ab".repeat(32);

    private final GatewayReferences references = new GatewayReferences();
    private DataSource dataSource;

    @BeforeEach
    void emptyMigratedDatabase() {
        dataSource = DataSourceBuilder.create().url(System.getProperty("mash.audit.scale-url"))
                .username(System.getProperty("mash.audit.scale-user", "sa")).password(System.getProperty("mash.audit.scale-password", ""))
                .build();
        Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    @Test
    void aMillionRecordsVerifyInBoundedMemory() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int records = 1_000_000;
        String previousHash = ChainRecord.GENESIS_HASH;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        // Written in bulk with the same hashing as append, since a million appends would take the test's time, not verify's.
        for (int id = 1; id <= records; id++) {
            ChainRecord row = ChainRecord.of(id, start.plusSeconds(id), decision(), previousHash);
            previousHash = row.hash();
            rows.add(new Object[] {row.recordId(), OffsetDateTime.ofInstant(row.at(), ZoneOffset.UTC), row.policyVersion(),
                row.decision(), row.reasonCode(), row.lawfulBasis(), row.sender(), row.recipient(), row.gatewayReference(),
                row.documentType(), row.minimisationProfile(), String.join(",", row.fieldsShared()), null,
                row.documentHash(), row.previousHash(), row.hash()});
            keys.add(new Object[] {row.recordId(), 0, KEY});
            if (rows.size() == 10_000) {
                jdbc.batchUpdate("INSERT INTO decision_record (record_id, recorded_at, policy_version, decision, reason_code, "
                        + "lawful_basis, sender, recipient, gateway_reference, document_type, minimisation_profile, fields_shared, "
                        + "fields_dropped, document_hash, previous_hash, record_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                jdbc.batchUpdate("INSERT INTO decision_subject_key (record_id, ordinal, subject_key) VALUES (?, ?, ?)", keys);
                rows.clear();
                keys.clear();
            }
        }
        jdbc.update("UPDATE decision_chain_head SET last_record_id = ?, last_hash = ?", records, previousHash);
        DecisionLog decisionLog = new DecisionLog(dataSource, Clock.systemUTC());

        long began = System.nanoTime();
        ChainVerification result = decisionLog.verify();
        long millis = (System.nanoTime() - began) / 1_000_000;

        Runtime runtime = Runtime.getRuntime();
        System.out.printf("verify of %d records: ok=%s in %d ms; heap in use afterwards %d MB of at most %d MB%n",
                result.recordsChecked(), result.ok(), millis, (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        assertThat(result.ok()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(records);
    }

    @Test
    void appendRates() throws Exception {
        DecisionLog decisionLog = new DecisionLog(dataSource, Clock.systemUTC());
        for (int i = 0; i < 2_000; i++) {
            decisionLog.append(decision());
        }
        long began = System.nanoTime();
        for (int i = 0; i < 5_000; i++) {
            decisionLog.append(decision());
        }
        double single = 5_000 / ((System.nanoTime() - began) / 1e9);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            began = System.nanoTime();
            for (int t = 0; t < 8; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        decisionLog.appendAll(List.of(decision(), decision(), decision(), decision(), decision()));
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }
        double fanOut = 8_000 / ((System.nanoTime() - began) / 1e9);

        System.out.printf("appends: %.0f/s one at a time from one thread; %.0f records/s five at a time from 8 threads%n", single, fanOut);
        assertThat(decisionLog.verify().recordsChecked()).isEqualTo(15_000);
    }

    private Decision decision() {
        return Decision.of(DecisionKind.SHARED).policyVersion("2026.1").reasonCode("EVERY_NOTIFICATION")
                .lawfulBasis("UK GDPR Art. 6(1)(e) public task; Art. 9(2)(g) substantial public interest")
                .sender("FORCE-01").recipient("SC-01").gatewayReference(references.next()).documentType("AgencyNotification")
                .minimisationProfile("social-care@1").fieldsShared(List.of("Incident/Date", "Incident/Time", "Child/Name"))
                .subjectKey(KEY).documentHash(KEY).build();
    }
}
