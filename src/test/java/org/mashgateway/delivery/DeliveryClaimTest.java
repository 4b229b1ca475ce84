package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.directory.Channel;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker claims the due entries it has senders for in one statement: each entry goes to one node
 * only, an entry not yet due or under another node's live lease is left alone, and one whose lease
 * ran out (its node died) can be claimed again.
 */
@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DeliveryClaimTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "delivery-claim");
    }

    private static final Instant NOW = Instant.parse("2026-11-23T07:10:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    private final GatewayReferences references = new GatewayReferences();
    private DeliveryRecords records;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("DELETE FROM delivery_event").update();
        jdbc.sql("DELETE FROM delivery").update();
        records = new DeliveryRecords(jdbcTemplate);
    }

    @Test
    void entries_claimed_together_go_to_one_node_only_and_come_back_when_its_lease_runs_out() {
        long first = pending(NOW);
        long second = pending(NOW.minusSeconds(1));
        long later = pending(NOW.plusSeconds(60));

        assertThat(records.claim(List.of(first, second, later), "node-a", NOW, NOW.plus(LEASE)))
                .containsExactly(first, second);
        assertThat(records.claim(List.of(first, second, later), "node-b", NOW.plusSeconds(1),
                NOW.plusSeconds(1).plus(LEASE))).as("under node-a's live lease, or not due").isEmpty();
        assertThat(records.claim(List.of(), "node-b", NOW, NOW.plus(LEASE))).isEmpty();

        Instant afterTheLease = NOW.plus(LEASE).plusSeconds(1);
        assertThat(records.claim(List.of(first, second, later), "node-b", afterTheLease, afterTheLease.plus(LEASE)))
                .as("node-a died: its claims lapse; the later entry is due by now too")
                .containsExactly(first, second, later);
    }

    @Test
    void the_due_query_reads_the_first_rows_of_its_index_however_long_the_backlog() {
        for (int i = 0; i < 3_000; i++) {
            pending(NOW.minusSeconds(i));
        }
        jdbc.sql("UPDATE delivery SET status = 'SENT' WHERE MOD(delivery_id, 3) = 0").update();
        if (TestDatabase.isPostgres()) {
            jdbc.sql("ANALYZE delivery").update();
        }

        String plan = String.join("\n", jdbc.sql("EXPLAIN " + DeliveryRecords.dueQuery(32))
                .params(Timestamp.from(NOW), Timestamp.from(NOW))
                .query(String.class)
                .list());

        if (TestDatabase.isPostgres()) {
            // An index scan in the query's order under the limit: no sort of the backlog, no scan of the table.
            assertThat(plan).contains("Limit").contains("Index Scan using delivery_due_in_order")
                    .doesNotContain("Sort").doesNotContain("Seq Scan");
        } else {
            assertThat(plan.toLowerCase(Locale.ROOT)).contains("delivery_due_in_order").contains("index sorted");
        }
        assertThat(records.due(NOW, 32)).hasSize(32);
    }

    @Test
    void a_claim_finds_its_row_by_the_primary_key_however_long_the_backlog() {
        for (int i = 0; i < 3_000; i++) {
            pending(NOW.minusSeconds(i));
        }
        if (TestDatabase.isPostgres()) {
            jdbc.sql("ANALYZE delivery").update();
        }

        String plan = String.join("\n", jdbc.sql("EXPLAIN " + DeliveryRecords.CLAIM)
                .params("node-a", Timestamp.from(NOW.plus(LEASE)), 1_500L, Timestamp.from(NOW), Timestamp.from(NOW))
                .query(String.class)
                .list());

        if (TestDatabase.isPostgres()) {
            assertThat(plan).contains("Index Cond: (((status)::text = 'PENDING'::text) AND (delivery_id = ")
                    .doesNotContain("delivery_due_in_order").doesNotContain("Seq Scan");
        } else {
            // An index whose leading columns are both matched for equality: one row, however long the backlog.
            assertThat(plan.toLowerCase(Locale.ROOT)).containsAnyOf("delivery_console_status: delivery_id = ?3\n        and status",
                    "primary_key").doesNotContain("delivery_due_in_order");
        }
    }

    private long pending(Instant due) {
        String output = references.next();
        records.insertPending(references.next(), "DERBYS", RecipientType.AGENCY, "CSC", output, "NOTIFICATION",
                "AgencyNotification", Channel.EMAIL, NOW.plus(Duration.ofDays(1)), NOW);
        jdbc.sql("UPDATE delivery SET next_attempt_at = ? WHERE output_reference = ?")
                .params(Timestamp.from(due), output)
                .update();
        return records.findByOutputReference(output).orElseThrow().deliveryId();
    }
}
