package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.alert.Alerts;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/** A delivery not sent by close to its DueBy is alerted once, whatever its state and however often the check runs. */
@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DeadlineWatchTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "deadline-watch");
    }

    private static final Instant NOW = Instant.parse("2026-11-23T07:10:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final List<String> raised = new ArrayList<>();
    private final Alerts alerts = (kind, reasonCode, context) -> raised.add(kind + " " + reasonCode + " " + context);
    private final GatewayReferences references = new GatewayReferences();
    private DeadlineWatch watch;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("DELETE FROM delivery").update();
        watch = new DeadlineWatch(jdbc, transactions, alerts, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
    }

    @Test
    void a_school_notification_still_pending_within_the_hour_before_its_deadline_is_alerted_once() {
        String school = delivery("SCHOOL", "100001", "PENDING", NOW.plus(Duration.ofMinutes(50)));

        List<String> first = watch.check();
        List<String> second = watch.check();

        assertThat(first).containsExactly(school);
        assertThat(second).isEmpty();
        assertThat(raised).singleElement().asString().startsWith("DEADLINE DELIVERY_AT_RISK delivery " + school
                + " to SCHOOL 100001 is PENDING and due by 2026-11-23T08:00:00Z");
    }

    @Test
    void failed_and_overdue_deliveries_are_alerted_while_sent_ones_and_distant_deadlines_are_not() {
        String failed = delivery("AGENCY", "CSC", "FAILED", NOW.minus(Duration.ofHours(2)));
        delivery("AGENCY", "HEALTH", "SENT", NOW.plus(Duration.ofMinutes(10)));
        delivery("AGENCY", "EWS", "PENDING", NOW.plus(Duration.ofHours(20)));

        assertThat(watch.check()).containsExactly(failed);
        assertThat(raised).singleElement().asString().contains("is FAILED and was due by");
    }

    private String delivery(String recipientType, String recipient, String status, Instant dueBy) {
        String output = references.next();
        jdbc.sql("""
                INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, recipient,
                    kind, document_type, channel, status, due_by, created_at, updated_at)
                VALUES (?, ?, 'DERBYS', ?, ?, 'NOTIFICATION', 'SchoolNotification', 'EMAIL', ?, ?, ?, ?)""")
                .params(references.next(), output, recipientType, recipient, status, Timestamp.from(dueBy),
                        Timestamp.from(NOW), Timestamp.from(NOW))
                .update();
        return output;
    }
}
