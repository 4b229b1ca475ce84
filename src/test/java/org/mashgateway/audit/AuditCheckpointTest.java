package org.mashgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.audit.ChainVerification.Problem;
import org.mashgateway.protection.GatewayStatements;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.scheduling.ScheduledRouteFixture;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Someone who can write to the database rewrites or removes the end of the decision record and
 * re-hashes what is left so that the chain is consistent in itself: the signed checkpoint, kept
 * outside the database, gives them away. The gateway's real demo key signs; the database is H2.
 */
@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = AuditSlice.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class AuditCheckpointTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "audit-checkpoint");
    }

    /** A made-up subject and recipient, to prove neither reaches a checkpoint file. */
    private static final String RECIPIENT = "SC-CHECKPOINT-01";

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    SubjectKeys subjectKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @TempDir
    Path directory;

    private final List<String> alerts = new ArrayList<>();
    private final GatewayReferences references = new GatewayReferences();
    private ChainCheck chainCheck;

    @BeforeEach
    void sixRecordsAndTheGatewaysKey() throws Exception {
        AuditSlice.reset(jdbc);
        chainCheck = new ChainCheck(decisionLog, new Checkpoints(directory, gatewayKey(), clock, event -> {}),
                (kind, reasonCode, context) -> alerts.add(kind + " " + reasonCode + " " + context));
        for (int i = 0; i < 6; i++) {
            appendOne();
        }
    }

    @Test
    void aTailRemovedAndTheHeadRewrittenInSqlIsDetected() throws IOException {
        assertThat(chainCheck.checkpoint(false)).get().extracting(Checkpoint::recordId).isEqualTo(6L);

        removeRecordsAfter(4);
        rewriteRecipientAndHead(4, "SC-ELSEWHERE");

        assertThat(decisionLog.verify().ok()).as("the chain alone cannot tell: the attacker re-hashed it").isTrue();
        ChainVerification result = chainCheck.run();
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenRecordId()).isEqualTo(5L);
        assertThat(result.problem()).isEqualTo(Problem.SHORTER_THAN_CHECKPOINT);
        assertThat(alerts).containsExactly(AlertKind.SECURITY + " AUDIT_CHAIN_BROKEN record 5: SHORTER_THAN_CHECKPOINT");
    }

    @Test
    void aTailRewrittenToTheSameLengthOrLongerIsDetectedAtTheCheckpointedRecord() {
        chainCheck.checkpoint(false);

        removeRecordsAfter(4);
        jdbc.update("UPDATE decision_chain_head SET last_record_id = 4, last_hash = ? WHERE id = 1", hashOf(4));
        for (int i = 0; i < 3; i++) {
            appendOne();
        }

        assertThat(decisionLog.verify().ok()).isTrue();
        ChainVerification result = chainCheck.run();
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenRecordId()).isEqualTo(6L);
        assertThat(result.problem()).isEqualTo(Problem.CHECKPOINT_MISMATCH);
    }

    @Test
    void anIntactChainThatGrewPastTheCheckpointVerifiesAgainstIt() {
        chainCheck.checkpoint(false);
        appendOne();

        ChainVerification result = chainCheck.run();

        assertThat(result.ok()).isTrue();
        assertThat(result.checkpoint().recordId()).isEqualTo(6L);
        assertThat(alerts).isEmpty();
    }

    @Test
    void aForgedCheckpointIsReportedAndNotTrusted() throws Exception {
        removeRecordsAfter(4);
        rewriteRecipientAndHead(4, "SC-ELSEWHERE");
        // The attacker writes their own checkpoint of the rewritten head, signed with a key they hold
        // (a partner's, from the same CA as the gateway's).
        GatewayStatements partner = GatewayStatements.fromKeyStore(
                new FileSystemResource("certs-example/school-100001.p12"), "changeit", "school-100001");
        Checkpoint forged = new Checkpoint(4, hashOf(4), clock.instant(), gatewayKey().signer());
        Files.write(directory.resolve(Checkpoints.LATEST), partner.sign(forged.text()));

        ChainVerification result = chainCheck.run();

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).isEqualTo(Problem.CHECKPOINT_UNTRUSTED);
        assertThat(result.checkpoint()).isNull();
        assertThat(alerts).containsExactly(
                AlertKind.SECURITY + " AUDIT_CHAIN_BROKEN the latest checkpoint: CHECKPOINT_UNTRUSTED");
        assertThat(chainCheck.checkpoint(true)).as("an untrusted checkpoint is never replaced silently").isEmpty();
    }

    @Test
    void aCheckpointWhoseSignedTextWasEditedIsNotTrusted() throws IOException {
        chainCheck.checkpoint(false);
        Path latest = directory.resolve(Checkpoints.LATEST);
        byte[] pem = Files.readAllBytes(latest);
        byte[] der = Base64.getMimeDecoder().decode(new String(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", ""));
        // Change one hex digit of the record hash inside the signed content.
        String asLatin1 = new String(der, StandardCharsets.ISO_8859_1);
        int at = asLatin1.indexOf("record-hash: ") + "record-hash: ".length();
        der[at] = (byte) (der[at] == 'a' ? 'b' : 'a');
        Files.writeString(latest, "-----BEGIN CMS-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CMS-----\n");

        assertThat(chainCheck.run().problem()).isEqualTo(Problem.CHECKPOINT_UNTRUSTED);
    }

    @Test
    void aBrokenChainIsNeverAnchored() throws IOException {
        chainCheck.checkpoint(false);
        removeRecordsAfter(4);
        rewriteRecipientAndHead(4, "SC-ELSEWHERE");

        assertThat(chainCheck.checkpoint(false)).isEmpty();
        assertThat(checkpointFiles()).hasSize(1);
        assertThat(chainCheck.run().ok()).isFalse();
    }

    @Test
    void theScheduleMakesACheckpointOnlyWhenTheHeadMoved() throws IOException {
        assertThat(chainCheck.checkpoint(true)).isPresent();
        assertThat(chainCheck.checkpoint(true)).isEmpty();
        appendOne();
        assertThat(chainCheck.checkpoint(true)).get().extracting(Checkpoint::recordId).isEqualTo(7L);

        assertThat(checkpointFiles()).hasSize(2);
        assertThat(Files.readString(directory.resolve(Checkpoints.LATEST)))
                .isEqualTo(Files.readString(checkpointFiles().get(1)));
    }

    @Test
    void aFailingScheduledRunIsCountedAndTheNextOneStillMakesTheCheckpoint() throws Exception {
        Path blocked = directory.resolve("not-yet");
        Files.writeString(blocked, "a file where the checkpoint directory should be");
        chainCheck = new ChainCheck(decisionLog, new Checkpoints(blocked, gatewayKey(), clock, event -> {}), (kind, code, context) -> {});
        CheckpointSchedule schedule = new CheckpointSchedule(chainCheck);
        try (ScheduledRouteFixture route = ScheduledRouteFixture.run("audit-checkpoint", schedule, "checkpoint",
                Duration.ofMillis(50))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> route.failures() >= 2);
            Files.delete(blocked);

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(blocked.resolve(Checkpoints.LATEST)));
        }
    }

    @Test
    void aCheckpointFileHoldsIdsHashesATimeAndTheGatewaysNameOnly() throws Exception {
        String subject = subjectKeys.keyFor("Wilhelmina", "Trevanion-Test", clock.instant().atZone(ZoneOffset.UTC)
                .toLocalDate().minusYears(9));
        String reference = references.next();
        decisionLog.append(Decision.of(DecisionKind.SHARED).recipient(RECIPIENT).gatewayReference(reference)
                .subjectKeys(List.of(subject)).build());
        chainCheck.checkpoint(false);

        for (Path file : checkpointFiles()) {
            String text = new String(gatewayKey().verifiedContent(Files.readAllBytes(file)), StandardCharsets.UTF_8);
            assertThat(text).matches("mash-gateway audit checkpoint v1\nrecord-id: 7\nrecord-hash: [0-9a-f]{64}\n"
                    + "made-at: \\S+Z\ngateway: [^\n]*CN=MASH Gateway Demo[^\n]*\n");
            String whole = Files.readString(file) + text;
            assertThat(whole).doesNotContain(RECIPIENT, reference, subject, "Wilhelmina", "Trevanion");
        }
    }

    @Test
    void anAuditorVerifiesACheckpointOfflineWithOpenssl() throws Exception {
        chainCheck.checkpoint(false);
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "cms", "-verify", "-inform", "PEM",
                    "-in", directory.resolve(Checkpoints.LATEST).toString(), "-CAfile", "certs-example/ca.crt")
                    .redirectErrorStream(true).start();
        } catch (IOException noOpenssl) {
            Assumptions.abort("openssl is not installed");
            return;
        }
        String printed = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.waitFor()).as(printed).isZero();
        assertThat(printed).contains("mash-gateway audit checkpoint v1", "record-id: 6", "Verification successful");
    }

    private void appendOne() {
        decisionLog.append(Decision.of(DecisionKind.DELIVERED).recipient(RECIPIENT).gatewayReference(references.next()).build());
    }

    private void removeRecordsAfter(long recordId) {
        jdbc.update("DELETE FROM decision_subject_key WHERE record_id > ?", recordId);
        jdbc.update("DELETE FROM decision_record WHERE record_id > ?", recordId);
    }

    /** What an attacker with SQL access does: change a record, recompute its hash, move the head to it. */
    private void rewriteRecipientAndHead(long recordId, String recipient) {
        String reference = jdbc.queryForObject("SELECT gateway_reference FROM decision_record WHERE record_id = ?",
                String.class, recordId);
        DecisionRecord stored = decisionLog.byReference(reference).get(0);
        ChainRecord rewritten = new ChainRecord(stored.recordId(), stored.at(), stored.policyVersion(),
                stored.decision().name(), stored.reasonCode(), stored.lawfulBasis(), stored.sender(), recipient,
                stored.gatewayReference(), stored.documentType(), stored.minimisationProfile(), stored.fieldsShared(),
                stored.fieldsDropped(), stored.subjectKeys(), stored.documentHash(), stored.previousHash(), null);
        String hash = rewritten.computedHash();
        jdbc.update("UPDATE decision_record SET recipient = ?, record_hash = ? WHERE record_id = ?", recipient, hash, recordId);
        jdbc.update("UPDATE decision_chain_head SET last_record_id = ?, last_hash = ? WHERE id = 1", recordId, hash);
    }

    private String hashOf(long recordId) {
        return jdbc.queryForObject("SELECT record_hash FROM decision_record WHERE record_id = ?", String.class, recordId);
    }

    private List<Path> checkpointFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("checkpoint-")).sorted().toList();
        }
    }

    private static GatewayStatements gatewayKey() throws Exception {
        return GatewayStatements.fromKeyStore(new FileSystemResource("certs-example/gateway.p12"), "changeit", "gateway");
    }
}
