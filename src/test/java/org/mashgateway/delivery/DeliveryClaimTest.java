package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mashgateway.directory.Channel;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker claims the due entries it has senders for in one statement: each entry goes to one node
 * only, an entry not yet due or under another node's live lease is left alone, and one whose lease
 * ran out (its node died) can be claimed again.
 */
@JdbcTest(properties = {"spring.datasource.url=jdbc:h2:mem:delivery-claim;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DB_CLOSE_DELAY=-1", "spring.datasource.username=sa", "spring.datasource.password="})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DeliveryClaimTest {

    private static final Instant NOW = Instant.parse("2026-11-23T07:10:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Autowired
    JdbcClient jdbc;

    private final GatewayReferences references = new GatewayReferences();
    private DeliveryRecords records;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("DELETE FROM delivery_event").update();
        jdbc.sql("DELETE FROM delivery").update();
        records = new DeliveryRecords(jdbc);
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
