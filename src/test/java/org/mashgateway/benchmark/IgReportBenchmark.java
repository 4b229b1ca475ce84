package org.mashgateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.sql.DatabaseTime;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Times the monthly IG report (issue 16) over a national month of records: {@code bench.notifications}
 * (default 120,000, England's month) spread over the month before this one, each with the decision
 * records and outbox rows a notification leaves (accepted, four shares and their deliveries, and a
 * decision not to share), plus as many again in the month before it, so the report has to find its month.
 * Prints the page's and the PDF's p50 and worst time over a few samples, fetched over HTTPS by an
 * ADMIN's session. Not part of {@code ./mvnw verify}; run it as docs/performance.md says.
 */
@Tag("benchmark")
class IgReportBenchmark extends GatewayTest {

    private static final int NOTIFICATIONS = Integer.getInteger("bench.notifications", 120_000);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 5);
    private static final ZoneId UK = ZoneId.of("Europe/London");
    /** Far past any record the gateway itself appends meanwhile: these rows are read, never chained. */
    private static final long FIRST_RECORD = 100_000_000L;
    private static final String[] AGENCIES = {"CSC", "HEALTH", "EWS"};
    private static final String[] RISKS = {"HIGH", "MEDIUM", "STANDARD", "STANDARD"};

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    private final GatewayReferences references = new GatewayReferences();
    private long nextRecord = FIRST_RECORD;

    @DynamicPropertySource
    static void quiet(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.delivery.worker.enabled", () -> "false");
    }

    @Test
    void the_ig_report_of_a_national_month() {
        YearMonth month = YearMonth.now(UK).minusMonths(1);
        long began = System.nanoTime();
        seed(month.minusMonths(1));
        seed(month);
        System.out.printf(Locale.ROOT, "%nIG report benchmark: %,d notifications a month for 2 months (%,d decision "
                        + "records, %,d outbox rows) seeded in %.0f s%n", NOTIFICATIONS,
                jdbc.queryForObject("SELECT COUNT(*) FROM decision_record", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM delivery", Long.class), (System.nanoTime() - began) / 1e9);
        ConsoleSession admin = ConsoleSession.loggedIn(port, "admin", "demo");
        String page = "/admin/reports/ig?month=" + month + "&force=DERBYS";
        String pdf = "/admin/reports/ig/download?month=" + month + "&force=DERBYS&format=PDF";

        HttpResponse<String> first = admin.get(page);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(String.format(Locale.ROOT, "%d", NOTIFICATIONS));
        time("page", () -> admin.get(page));
        time("PDF", () -> admin.download(pdf));
    }

    private static void time(String what, Runnable fetch) {
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long started = System.nanoTime();
            fetch.run();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "  %-5s p50 %8.1f ms   worst %8.1f ms   (%d samples)%n", what,
                nanos[SAMPLES / 2] / 1e6, nanos[SAMPLES - 1] / 1e6, SAMPLES);
    }

    /** One month's notifications, evenly over its days, in batches. */
    private void seed(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(UK).toInstant();
        long spanSeconds = Duration.between(start, month.plusMonths(1).atDay(1).atStartOfDay(UK).toInstant()).toSeconds();
        List<Object[]> records = new ArrayList<>();
        List<Object[]> deliveries = new ArrayList<>();
        List<Object[]> notShared = new ArrayList<>();
        for (int n = 0; n < NOTIFICATIONS; n++) {
            Instant at = start.plusSeconds(spanSeconds * n / NOTIFICATIONS);
            String notification = references.next();
            records.add(record(at, "ACCEPTED", null, null, notification, "DomesticAbuseNotification"));
            for (int a = 0; a < AGENCIES.length; a++) {
                String output = references.next();
                records.add(record(at, "SHARED", null, AGENCIES[a], output, "AgencyNotification"));
                records.add(record(at.plusSeconds(30), "DELIVERED", null, AGENCIES[a], output, "AgencyNotification"));
                deliveries.add(delivery(at, notification, output, "AGENCY", AGENCIES[a], RISKS[n % RISKS.length], n));
            }
            String school = references.next();
            records.add(record(at, "SHARED", null, "100001", school, "SchoolNotification"));
            records.add(record(at.plusSeconds(30), "DELIVERED", null, "100001", school, "SchoolNotification"));
            deliveries.add(delivery(at, notification, school, "SCHOOL", "100001", null, n));
            records.add(record(at, "NOT_SHARED", "NO_SCHOOL_RECORDED", null, notification, null));
            notShared.add(new Object[] {notification, DatabaseTime.at(at), DatabaseTime.at(at)});
            if (records.size() >= 20_000) {
                flush(records, deliveries, notShared);
            }
        }
        flush(records, deliveries, notShared);
    }

    private Object[] record(Instant at, String decision, String reason, String recipient, String reference,
            String documentType) {
        String hash = String.format(Locale.ROOT, "%064x", nextRecord);
        return new Object[] {nextRecord++, DatabaseTime.at(at), "2026.11-1", decision, reason,
            decision.equals("SHARED") ? "UK GDPR Art. 6(1)(e); Art. 9(2)(g)" : null, "DERBYS", recipient, reference,
            documentType, hash, hash};
    }

    private static Object[] delivery(Instant at, String notification, String output, String type, String recipient,
            String risk, int n) {
        Instant due = at.plus(Duration.ofHours(24));
        Instant acknowledged = n % 5 == 0 ? null : at.plus(Duration.ofMinutes(20 + n % 600));
        return new Object[] {notification, output, type, recipient, type.equals("SCHOOL") ? "SchoolNotification"
                : "AgencyNotification", acknowledged == null ? "SENT" : "ACKNOWLEDGED", DatabaseTime.at(due),
            DatabaseTime.at(at), DatabaseTime.at(at), DatabaseTime.at(at.plusSeconds(30)),
            acknowledged == null ? null : DatabaseTime.at(acknowledged), risk};
    }

    private void flush(List<Object[]> records, List<Object[]> deliveries, List<Object[]> notShared) {
        jdbc.batchUpdate("INSERT INTO decision_record (record_id, recorded_at, policy_version, decision, reason_code, "
                + "lawful_basis, sender, recipient, gateway_reference, document_type, previous_hash, record_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records);
        jdbc.batchUpdate("INSERT INTO delivery (notification_reference, output_reference, sending_force, recipient_type, "
                + "recipient, kind, document_type, channel, status, due_by, attempts, created_at, updated_at, sent_at, "
                + "acknowledged_at, risk_level) VALUES (?, ?, 'DERBYS', ?, ?, 'NOTIFICATION', ?, 'EMAIL', ?, ?, 1, ?, ?, "
                + "?, ?, ?)", deliveries);
        jdbc.batchUpdate("INSERT INTO delivery (notification_reference, sending_force, recipient_type, status, "
                + "reason_code, attempts, created_at, updated_at) VALUES (?, 'DERBYS', 'SCHOOL', 'NOT_SHARED', "
                + "'NO_SCHOOL_RECORDED', 0, ?, ?)", notShared);
        records.clear();
        deliveries.clear();
        notShared.clear();
    }
}
