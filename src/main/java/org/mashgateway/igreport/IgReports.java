package org.mashgateway.igreport;

import static org.mashgateway.sql.DatabaseTime.at;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.Force;
import org.mashgateway.igreport.IgReport.Figure;
import org.mashgateway.igreport.IgReport.Section;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one month's figures for one force. What the gateway decided (received, shared, not shared,
 * refused, quarantined, viewed, searched, exported) comes from the decision record, the
 * tamper-evident trail; how the copies fared against their deadlines (acknowledged in time,
 * escalated) from the outbox, which holds their DueBy. A month is a UK calendar month.
 */
@Component
class IgReports {

    static final ZoneId UK = ZoneId.of("Europe/London");
    static final List<String> RISK_LEVELS = List.of("HIGH", "MEDIUM", "STANDARD");

    private static final String RECORD = "decision record";
    private static final String OUTBOX = "outbox (deliveries planned in the month)";

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Clock clock;

    IgReports(JdbcClient jdbc, Directory directory, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.clock = clock;
    }

    /** The forces a report can be asked for: those in the directory. */
    List<Force> forces() {
        return directory.forces();
    }

    IgReport of(YearMonth month, String force) {
        OffsetDateTime from = at(month.atDay(1).atStartOfDay(UK).toInstant());
        OffsetDateTime to = at(month.plusMonths(1).atDay(1).atStartOfDay(UK).toInstant());
        String forceName = directory.force(force).map(Force::name).orElse(force);
        return new IgReport(month, force, forceName, clock.instant(), List.of(
                received(force, from, to),
                shared(force, from, to),
                notShared(force, from, to),
                schools(force, from, to),
                agencies(force, from, to),
                acknowledgementTimes(force, from, to),
                refused(force, from, to),
                access(from, to)));
    }

    private Section received(String force, OffsetDateTime from, OffsetDateTime to) {
        return new Section("received", "Documents received", RECORD, List.of(
                new Figure("Notifications accepted (first versions and corrections)", count("""
                        SELECT COUNT(*) FROM decision_record WHERE decision = 'ACCEPTED'
                          AND document_type = 'DomesticAbuseNotification' AND sender = ?
                          AND recorded_at >= ? AND recorded_at < ?""", force, from, to)),
                new Figure("of which corrections", count("""
                        SELECT COUNT(*) FROM decision_record WHERE decision = 'CORRECTED' AND recipient IS NULL
                          AND sender = ? AND recorded_at >= ? AND recorded_at < ?""", force, from, to)),
                new Figure("Withdrawals", count("""
                        SELECT COUNT(*) FROM decision_record WHERE decision = 'WITHDRAWN' AND recipient IS NULL
                          AND sender = ? AND recorded_at >= ? AND recorded_at < ?""", force, from, to))));
    }

    /** Each share's recipient class is its outbox row's (one per output reference). */
    private Section shared(String force, OffsetDateTime from, OffsetDateTime to) {
        return new Section("shared", "Shared, by recipient class and lawful basis", RECORD, grouped("""
                SELECT d.recipient_type || ' · ' || COALESCE(r.lawful_basis, 'no lawful basis recorded'), COUNT(*)
                FROM decision_record r JOIN delivery d ON d.output_reference = r.gateway_reference
                WHERE r.decision = 'SHARED' AND r.sender = ? AND r.recorded_at >= ? AND r.recorded_at < ?
                GROUP BY d.recipient_type || ' · ' || COALESCE(r.lawful_basis, 'no lawful basis recorded')""",
                force, from, to));
    }

    /** A decision not to share has an outbox row of its own, with its class, under the same document and reason. */
    private Section notShared(String force, OffsetDateTime from, OffsetDateTime to) {
        return new Section("not-shared", "Not shared, by recipient class and reason", RECORD, grouped("""
                SELECT COALESCE((SELECT MIN(d.recipient_type) FROM delivery d
                                 WHERE d.notification_reference = r.gateway_reference AND d.status = 'NOT_SHARED'
                                   AND d.reason_code = r.reason_code), 'UNKNOWN') || ' · ' || r.reason_code AS label,
                       1
                FROM decision_record r
                WHERE r.decision = 'NOT_SHARED' AND r.sender = ? AND r.recorded_at >= ? AND r.recorded_at < ?""",
                force, from, to));
    }

    private Section schools(String force, OffsetDateTime from, OffsetDateTime to) {
        String planned = """
                FROM delivery WHERE outbox_kind = 'SHARE' AND recipient_type = 'SCHOOL'
                  AND kind IN ('NOTIFICATION', 'CORRECTION') AND sending_force = ? AND created_at >= ? AND created_at < ?""";
        return new Section("sdat", "SDAT school notifications", OUTBOX, List.of(
                new Figure("Planned", count("SELECT COUNT(*) " + planned, force, from, to)),
                new Figure("Sent", count("SELECT COUNT(*) " + planned + " AND sent_at IS NOT NULL", force, from, to)),
                new Figure("Acknowledged by their DueBy", count("SELECT COUNT(*) " + planned
                        + " AND acknowledged_at IS NOT NULL AND acknowledged_at <= due_by", force, from, to)),
                new Figure("Acknowledged after their DueBy", count("SELECT COUNT(*) " + planned
                        + " AND acknowledged_at IS NOT NULL AND acknowledged_at > due_by", force, from, to)),
                new Figure("Escalated (deputy's copy and alert)", count("SELECT COUNT(*) " + planned
                        + " AND escalated_at IS NOT NULL", force, from, to)),
                new Figure("Failed", count("SELECT COUNT(*) " + planned + " AND status = 'FAILED'", force, from, to))));
    }

    private Section agencies(String force, OffsetDateTime from, OffsetDateTime to) {
        List<Figure> figures = new ArrayList<>();
        for (String risk : levelsSeen(force, from, to)) {
            Object[] params = params(risk, force, from, to);
            String copies = "SELECT COUNT(*) " + agencyCopies();
            figures.add(new Figure(label(risk) + ": copies", count(copies, params)));
            figures.add(new Figure(label(risk) + ": acknowledged by their DueBy", count(copies
                    + " AND acknowledged_at IS NOT NULL AND acknowledged_at <= due_by", params)));
            figures.add(new Figure(label(risk) + ": acknowledged after their DueBy", count(copies
                    + " AND acknowledged_at IS NOT NULL AND acknowledged_at > due_by", params)));
            figures.add(new Figure(label(risk) + ": not acknowledged", count(copies + " AND acknowledged_at IS NULL",
                    params)));
            figures.add(new Figure(label(risk) + ": escalated", count(copies + " AND escalated_at IS NOT NULL", params)));
        }
        return new Section("agency", "Agency copies, by risk level", OUTBOX, figures);
    }

    /** The median time from a copy being sent to its acknowledgement, per risk level, in whole minutes. */
    private Section acknowledgementTimes(String force, OffsetDateTime from, OffsetDateTime to) {
        List<Figure> figures = new ArrayList<>();
        for (String risk : levelsSeen(force, from, to)) {
            List<Long> minutes = jdbc.sql("SELECT sent_at, acknowledged_at " + agencyCopies()
                            + " AND sent_at IS NOT NULL AND acknowledged_at IS NOT NULL")
                    .params(params(risk, force, from, to))
                    .query((rs, row) -> Duration.between(rs.getObject(1, OffsetDateTime.class),
                            rs.getObject(2, OffsetDateTime.class)).toMinutes())
                    .list();
            if (!minutes.isEmpty()) {
                figures.add(new Figure(label(risk) + ": median minutes to acknowledge", median(minutes)));
            }
        }
        return new Section("agency-time", "Agency copies: time to acknowledgement", OUTBOX, figures);
    }

    private Section refused(String force, OffsetDateTime from, OffsetDateTime to) {
        // A refused document kept aside also has a QUARANTINED record of type QuarantineCopy: not a second refusal.
        return new Section("refused", "Refusals and quarantines, by reason", RECORD, grouped("""
                SELECT decision || ' · ' || COALESCE(reason_code, 'NO_REASON'), COUNT(*) FROM decision_record
                WHERE decision IN ('REJECTED', 'QUARANTINED') AND COALESCE(document_type, '') <> 'QuarantineCopy'
                  AND sender = ? AND recorded_at >= ? AND recorded_at < ?
                GROUP BY decision || ' · ' || COALESCE(reason_code, 'NO_REASON')""", force, from, to));
    }

    /** Only an AUDITOR can view content, search for or export a subject, so each of these is an auditor's. */
    private Section access(OffsetDateTime from, OffsetDateTime to) {
        return new Section("access", "Content views, subject searches and exports (every force, by AUDITOR)", RECORD,
                grouped("""
                        SELECT 'AUDITOR · ' || decision || ' · ' || COALESCE(reason_code, 'NO_REASON'), COUNT(*)
                        FROM decision_record
                        WHERE decision IN ('CONTENT_VIEWED', 'SUBJECT_SEARCHED', 'SUBJECT_EXPORTED')
                          AND recorded_at >= ? AND recorded_at < ?
                        GROUP BY 'AUDITOR · ' || decision || ' · ' || COALESCE(reason_code, 'NO_REASON')""", from, to));
    }

    /** The agency copies of one risk level (NOT_RECORDED: written before the level was recorded). */
    private static String agencyCopies() {
        return "FROM delivery WHERE outbox_kind = 'SHARE' AND recipient_type = 'AGENCY' "
                + "AND kind IN ('NOTIFICATION', 'CORRECTION') AND COALESCE(risk_level, 'NOT_RECORDED') = ? "
                + "AND sending_force = ? AND created_at >= ? AND created_at < ?";
    }

    /** The three levels always, in order, and "not recorded" when the month has copies from before V24. */
    private List<String> levelsSeen(String force, OffsetDateTime from, OffsetDateTime to) {
        List<String> levels = new ArrayList<>(RISK_LEVELS);
        if (count("SELECT COUNT(*) " + agencyCopies(), params("NOT_RECORDED", force, from, to)) > 0) {
            levels.add("NOT_RECORDED");
        }
        return levels;
    }

    private static String label(String risk) {
        return risk.equals("NOT_RECORDED") ? "Risk level not recorded" : risk;
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Label and count pairs, summed by label and ordered by label. */
    private List<Figure> grouped(String sql, Object... params) {
        Map<String, Long> sums = new TreeMap<>();
        jdbc.sql(sql).params(params)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .forEach(entry -> sums.merge(entry.getKey(), entry.getValue(), Long::sum));
        return sums.entrySet().stream().map(entry -> new Figure(entry.getKey(), entry.getValue())).toList();
    }

    private static Object[] params(String risk, String force, OffsetDateTime from, OffsetDateTime to) {
        return new Object[] {risk, force, from, to};
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The month before the one the clock is in: the one a board reviews. */
    YearMonth lastMonth() {
        return YearMonth.from(Instant.now(clock).atZone(UK)).minusMonths(1);
    }
}
