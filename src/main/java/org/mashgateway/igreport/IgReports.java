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
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
    /** Decisions only an AUDITOR can cause, counted for every force. */
    private static final Set<String> BY_AUDITORS = Set.of("CONTENT_VIEWED", "SUBJECT_SEARCHED", "SUBJECT_EXPORTED");

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
        List<Decided> decided = decided(force, from, to);
        Map<String, String> notSharedClass = notSharedClasses(force, from, to);
        Map<String, Outcomes> outcomes = outcomes(force, from, to);
        return new IgReport(month, force, forceName, clock.instant(), List.of(
                received(decided),
                new Section("shared", "Shared, by recipient class and lawful basis", RECORD, grouped(decided.stream()
                        .filter(d -> d.decision().equals("SHARED"))
                        .map(d -> Map.entry(recipientClass(d.documentType()) + " · "
                                + (d.lawfulBasis() == null ? "no lawful basis recorded" : d.lawfulBasis()), d.count())))),
                new Section("not-shared", "Not shared, by recipient class and reason", RECORD, grouped(decided.stream()
                        .filter(d -> d.decision().equals("NOT_SHARED"))
                        .map(d -> Map.entry(notSharedClass.getOrDefault(d.reasonCode(), "UNKNOWN") + " · "
                                + d.reasonCode(), d.count())))),
                schools(outcomes),
                agencies(outcomes),
                acknowledgementTimes(force, from, to),
                new Section("refused", "Refusals and quarantines, by reason", RECORD, grouped(decided.stream()
                        // A refused document kept aside also has a QUARANTINED record of type QuarantineCopy.
                        .filter(d -> d.decision().equals("REJECTED") || (d.decision().equals("QUARANTINED")
                                && !"QuarantineCopy".equals(d.documentType())))
                        .map(d -> Map.entry(d.decision() + " · " + orNone(d.reasonCode()), d.count())))),
                new Section("access", "Content views, subject searches and exports (every force, by AUDITOR)", RECORD,
                        grouped(decided.stream()
                                .filter(d -> BY_AUDITORS.contains(d.decision()))
                                .map(d -> Map.entry("AUDITOR · " + d.decision() + " · " + orNone(d.reasonCode()),
                                        d.count()))))));
    }

    /** Decisions of one kind, reason, document type and lawful basis in the month, and whether they name no recipient. */
    private record Decided(String decision, String reasonCode, String documentType, String lawfulBasis,
            boolean noRecipient, long count) {}

    /**
     * The month's decisions made for the force's documents, and every auditor's access, counted in
     * one pass over the month (index {@code decision_record_by_time}).
     */
    private List<Decided> decided(String force, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("""
                SELECT decision, reason_code, document_type, lawful_basis,
                       CASE WHEN recipient IS NULL THEN 1 ELSE 0 END, COUNT(*)
                FROM decision_record
                WHERE recorded_at >= ? AND recorded_at < ?
                  AND (sender = ? OR decision IN ('CONTENT_VIEWED', 'SUBJECT_SEARCHED', 'SUBJECT_EXPORTED'))
                GROUP BY decision, reason_code, document_type, lawful_basis, CASE WHEN recipient IS NULL THEN 1 ELSE 0 END""")
                .params(from, to, force)
                .query((rs, row) -> new Decided(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5) == 1, rs.getLong(6)))
                .list();
    }

    private static Section received(List<Decided> decided) {
        return new Section("received", "Documents received", RECORD, List.of(
                new Figure("Notifications accepted (first versions and corrections)", sum(decided, d ->
                        d.decision().equals("ACCEPTED") && "DomesticAbuseNotification".equals(d.documentType()))),
                new Figure("of which corrections", sum(decided, d -> d.decision().equals("CORRECTED") && d.noRecipient())),
                new Figure("Withdrawals", sum(decided, d -> d.decision().equals("WITHDRAWN") && d.noRecipient()))));
    }

    /** A share's class by the document its recipient got: schools get School*, agencies Agency* documents. */
    private static String recipientClass(String documentType) {
        if (documentType == null) {
            return "UNKNOWN";
        }
        return documentType.startsWith("School") ? "SCHOOL" : documentType.startsWith("Agency") ? "AGENCY" : documentType;
    }

    /**
     * The recipient class of each reason the month's decisions not to share give, from the outbox
     * rows written with them (a reason given for both classes is said so).
     */
    private Map<String, String> notSharedClasses(String force, OffsetDateTime from, OffsetDateTime to) {
        Map<String, String> classes = new TreeMap<>();
        jdbc.sql("""
                SELECT DISTINCT reason_code, recipient_type FROM delivery
                WHERE status = 'NOT_SHARED' AND sending_force = ? AND created_at >= ? AND created_at < ?""")
                .params(force, from, to)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(pair -> classes.merge(pair.getKey(), pair.getValue(), (a, b) -> a.equals(b) ? a : "SCHOOL/AGENCY"));
        return classes;
    }

    /** What became of the copies planned in the month, by recipient class and risk level. */
    private record Outcomes(long planned, long sent, long acknowledgedInTime, long acknowledgedLate, long notAcknowledged,
            long escalated, long failed) {

        Outcomes plus(Outcomes other) {
            return new Outcomes(planned + other.planned, sent + other.sent, acknowledgedInTime + other.acknowledgedInTime,
                    acknowledgedLate + other.acknowledgedLate, notAcknowledged + other.notAcknowledged,
                    escalated + other.escalated, failed + other.failed);
        }
    }

    private static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0, 0, 0);

    /** Keyed "SCHOOL" or "AGENCY " and the risk level; one pass over the month's outbox rows. */
    private Map<String, Outcomes> outcomes(String force, OffsetDateTime from, OffsetDateTime to) {
        Map<String, Outcomes> outcomes = new TreeMap<>();
        jdbc.sql("""
                SELECT recipient_type, COALESCE(risk_level, 'NOT_RECORDED'), COUNT(*),
                       SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END),
                       SUM(CASE WHEN acknowledged_at IS NOT NULL AND acknowledged_at <= due_by THEN 1 ELSE 0 END),
                       SUM(CASE WHEN acknowledged_at IS NOT NULL AND acknowledged_at > due_by THEN 1 ELSE 0 END),
                       SUM(CASE WHEN acknowledged_at IS NULL THEN 1 ELSE 0 END),
                       SUM(CASE WHEN escalated_at IS NOT NULL THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)
                FROM delivery
                WHERE outbox_kind = 'SHARE' AND kind IN ('NOTIFICATION', 'CORRECTION') AND sending_force = ?
                  AND created_at >= ? AND created_at < ?
                GROUP BY recipient_type, COALESCE(risk_level, 'NOT_RECORDED')""")
                .params(force, from, to)
                .query((rs, row) -> Map.entry(rs.getString(1).equals("SCHOOL") ? "SCHOOL" : "AGENCY " + rs.getString(2),
                        new Outcomes(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                rs.getLong(8), rs.getLong(9))))
                .list()
                .forEach(entry -> outcomes.merge(entry.getKey(), entry.getValue(), Outcomes::plus));
        return outcomes;
    }

    private static Section schools(Map<String, Outcomes> outcomes) {
        Outcomes schools = outcomes.getOrDefault("SCHOOL", NONE);
        return new Section("sdat", "SDAT school notifications", OUTBOX, List.of(
                new Figure("Planned", schools.planned()),
                new Figure("Sent", schools.sent()),
                new Figure("Acknowledged by their DueBy", schools.acknowledgedInTime()),
                new Figure("Acknowledged after their DueBy", schools.acknowledgedLate()),
                new Figure("Escalated (deputy's copy and alert)", schools.escalated()),
                new Figure("Failed", schools.failed())));
    }

    private static Section agencies(Map<String, Outcomes> outcomes) {
        List<Figure> figures = new ArrayList<>();
        for (String risk : levels(outcomes.containsKey("AGENCY NOT_RECORDED"))) {
            Outcomes copies = outcomes.getOrDefault("AGENCY " + risk, NONE);
            figures.add(new Figure(label(risk) + ": copies", copies.planned()));
            figures.add(new Figure(label(risk) + ": acknowledged by their DueBy", copies.acknowledgedInTime()));
            figures.add(new Figure(label(risk) + ": acknowledged after their DueBy", copies.acknowledgedLate()));
            figures.add(new Figure(label(risk) + ": not acknowledged", copies.notAcknowledged()));
            figures.add(new Figure(label(risk) + ": escalated", copies.escalated()));
        }
        return new Section("agency", "Agency copies, by risk level", OUTBOX, figures);
    }

    /** The median time from a copy being sent to its acknowledgement, per risk level, in whole minutes. */
    private Section acknowledgementTimes(String force, OffsetDateTime from, OffsetDateTime to) {
        Map<String, List<Long>> minutes = new TreeMap<>();
        jdbc.sql("""
                SELECT COALESCE(risk_level, 'NOT_RECORDED'), sent_at, acknowledged_at FROM delivery
                WHERE outbox_kind = 'SHARE' AND recipient_type = 'AGENCY' AND kind IN ('NOTIFICATION', 'CORRECTION')
                  AND sending_force = ? AND created_at >= ? AND created_at < ?
                  AND sent_at IS NOT NULL AND acknowledged_at IS NOT NULL""")
                .params(force, from, to)
                .query((rs, row) -> Map.entry(rs.getString(1), Duration.between(rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class)).toMinutes()))
                .list()
                .forEach(entry -> minutes.computeIfAbsent(entry.getKey(), risk -> new ArrayList<>()).add(entry.getValue()));
        List<Figure> figures = new ArrayList<>();
        for (String risk : levels(minutes.containsKey("NOT_RECORDED"))) {
            if (minutes.containsKey(risk)) {
                figures.add(new Figure(label(risk) + ": median minutes to acknowledge", median(minutes.get(risk))));
            }
        }
        return new Section("agency-time", "Agency copies: time to acknowledgement", OUTBOX, figures);
    }

    /** The three levels always, in order, and "not recorded" when the month has copies from before V24. */
    private static List<String> levels(boolean notRecorded) {
        List<String> levels = new ArrayList<>(RISK_LEVELS);
        if (notRecorded) {
            levels.add("NOT_RECORDED");
        }
        return levels;
    }

    private static String label(String risk) {
        return risk.equals("NOT_RECORDED") ? "Risk level not recorded" : risk;
    }

    private static String orNone(String reason) {
        return reason == null ? "NO_REASON" : reason;
    }

    private static long sum(List<Decided> decided, Predicate<Decided> which) {
        return decided.stream().filter(which).mapToLong(Decided::count).sum();
    }

    /** Label and count pairs, summed by label and ordered by label. */
    private static List<Figure> grouped(Stream<Map.Entry<String, Long>> counts) {
        Map<String, Long> sums = new TreeMap<>();
        counts.forEach(entry -> sums.merge(entry.getKey(), entry.getValue(), Long::sum));
        return sums.entrySet().stream().map(entry -> new Figure(entry.getKey(), entry.getValue())).toList();
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
