package org.mashgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AuditVerifyCommandTest {

    private static final String URL = "jdbc:h2:mem:audit-verify-cli;DB_CLOSE_DELAY=-1";

    @TempDir
    Path checkpointDirectory;

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(URL, "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void aMigratedDatabaseWithThreeRecords() {
        Flyway.configure().dataSource(dataSource).load().migrate();
        AuditSlice.reset(jdbc);
        DecisionLog decisionLog = new DecisionLog(dataSource, Clock.systemUTC());
        GatewayReferences references = new GatewayReferences();
        for (int i = 0; i < 3; i++) {
            decisionLog.append(Decision.of(DecisionKind.ACCEPTED).sender("FORCE-01").gatewayReference(references.next()).build());
        }
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOut() {
        System.setOut(originalOut);
    }

    @Test
    void anIntactChainExitsZeroAndSaysSo() {
        int exit = AuditVerifyCommand.run(new String[] {"verify-audit", "--spring.datasource.url=" + URL, "--spring.datasource.username=sa", "--spring.datasource.password=", "--mash.audit.checkpoint.directory=" + checkpointDirectory});

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("intact: 3 records checked");
    }

    @Test
    void aBrokenChainExitsOneAndNamesTheRecord() {
        jdbc.update("UPDATE decision_record SET sender = 'FORCE-02' WHERE record_id = 3");

        int exit = AuditVerifyCommand.run(new String[] {"verify-audit", "--spring.datasource.url=" + URL, "--spring.datasource.username=sa", "--spring.datasource.password=", "--mash.audit.checkpoint.directory=" + checkpointDirectory});

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at record 3: HASH_MISMATCH");
    }

    @Test
    void aTailRemovedAfterACheckpointExitsOneAndSaysTheChainIsShorter() throws Exception {
        new Checkpoints(checkpointDirectory, AuditVerifyControllerTest.gatewayKey(), Clock.systemUTC(), event -> {})
                .write(3, jdbc.queryForObject("SELECT last_hash FROM decision_chain_head WHERE id = 1", String.class));
        jdbc.update("DELETE FROM decision_record WHERE record_id = 3");
        jdbc.update("UPDATE decision_chain_head SET last_record_id = 2, last_hash = "
                + "(SELECT record_hash FROM decision_record WHERE record_id = 2) WHERE id = 1");

        int exit = AuditVerifyCommand.run(new String[] {"verify-audit", "--spring.datasource.url=" + URL, "--spring.datasource.username=sa", "--spring.datasource.password=", "--mash.audit.checkpoint.directory=" + checkpointDirectory});

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at record 3: SHORTER_THAN_CHECKPOINT");
    }

    @Test
    void aDatabaseWithoutTheDecisionRecordExitsTwo() {
        int exit = AuditVerifyCommand.run(new String[] {"--spring.datasource.url=jdbc:h2:mem:never-migrated"});

        assertThat(exit).isEqualTo(2);
    }
}
