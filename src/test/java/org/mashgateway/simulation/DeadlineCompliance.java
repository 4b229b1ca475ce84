package org.mashgateway.simulation;

import static org.mashgateway.simulation.DeadlineSimulation.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mashgateway.simulation.DeadlineSimulation.Outage;
import org.mashgateway.simulation.DeadlineSimulation.Plan;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a simulated run met and missed, read from the gateway's own outbox afterwards: each share
 * with a deadline that fell inside the run, by deadline class, was sent in time or missed, and each
 * miss is explained (it arrived after its deadline; an outage left it less than
 * {@link #LEAST_SLACK} of working relay) or is the gateway's fault. Each copy nobody acknowledged
 * by its escalation point was escalated before its deadline, or late, or not at all.
 */
final class DeadlineCompliance {

    /** Less working relay than this between arrival and deadline is no slack: an attempt and a retry. */
    static final Duration LEAST_SLACK = Duration.ofMinutes(5);

    /**
     * When the gateway escalates, as it is configured: {@code mash.escalation.school-margin} before a
     * school copy's DueBy, {@code mash.escalation.agency-fraction} of an agency copy's time.
     */
    record EscalationPoints(Duration schoolMargin, double agencyFraction) {}

    enum Outcome { MET, ARRIVED_LATE, OUTAGE_LEFT_NO_SLACK, MISSED_WITH_SLACK, DUE_AFTER_THE_RUN }

    enum Escalation { NOT_NEEDED, IN_TIME, LATE, NOT_ESCALATED, ARRIVED_LATE, DUE_AFTER_THE_RUN }

    /** One share with a deadline, as the outbox recorded it. */
    record Share(String reference, String deadlineClass, String kind, String status, Instant createdAt, Instant dueBy,
            Instant sentAt, Instant acknowledgedAt, Instant escalatedAt, int attempts, boolean watched, Outcome outcome,
            Escalation escalation) {}

    record Figures(Map<String, Map<Outcome, Integer>> byClass, Map<String, Map<Escalation, Integer>> escalations,
            List<Share> shares, int sent, int retries, int failed, Duration longestWait) {

        int count(Outcome outcome) {
            return byClass.values().stream().mapToInt(counts -> counts.getOrDefault(outcome, 0)).sum();
        }

        int count(Escalation escalation) {
            return escalations.values().stream().mapToInt(counts -> counts.getOrDefault(escalation, 0)).sum();
        }

        List<Share> missedWithSlack() {
            return shares.stream().filter(share -> share.outcome() == Outcome.MISSED_WITH_SLACK).toList();
        }

        List<Share> escalatedLateOrNot() {
            return shares.stream().filter(share -> share.escalation() == Escalation.LATE
                    || share.escalation() == Escalation.NOT_ESCALATED).toList();
        }
    }

    static final List<String> CLASSES = List.of("SDAT 08:00 next school day", "agency 24 h (HIGH)",
            "agency 72 h (MEDIUM)", "agency 7 d (STANDARD)");

    private DeadlineCompliance() {}

    static Figures of(JdbcTemplate store, Plan plan, EscalationPoints points) {
        List<Share> shares = store.query("""
                SELECT d.output_reference, d.recipient_type, d.kind, d.status, d.created_at, d.due_by, d.sent_at,
                       d.acknowledged_at, d.escalated_at, d.attempts,
                       (SELECT COUNT(*) FROM acknowledgement_link l WHERE l.output_reference = d.output_reference) AS links,
                       (SELECT COUNT(*) FROM delivery r WHERE r.replaces_reference = d.output_reference) AS replaced
                FROM delivery d
                WHERE d.outbox_kind = 'SHARE' AND d.status <> 'NOT_SHARED' AND d.due_by IS NOT NULL
                ORDER BY d.delivery_id""", (rs, n) -> {
            Instant created = instant(rs.getObject("created_at"));
            Instant due = instant(rs.getObject("due_by"));
            Instant sent = instant(rs.getObject("sent_at"));
            Instant acknowledged = instant(rs.getObject("acknowledged_at"));
            Instant escalated = instant(rs.getObject("escalated_at"));
            boolean school = rs.getString("recipient_type").equals("SCHOOL");
            String kind = rs.getString("kind");
            // A corrected or withdrawn copy is not awaited: its correction is, and a withdrawn one never goes to a deputy.
            boolean watched = rs.getInt("replaced") == 0 && (school ? !kind.equals("WITHDRAWAL") : rs.getInt("links") > 0);
            return new Share(rs.getString("output_reference"), deadlineClass(school, created, due), kind,
                    rs.getString("status"), created, due, sent, acknowledged, escalated, rs.getInt("attempts"), watched,
                    outcome(plan, created, due, sent), escalation(plan, points, school, watched, created, due, acknowledged,
                            escalated));
        });
        Map<String, Map<Outcome, Integer>> byClass = new LinkedHashMap<>();
        Map<String, Map<Escalation, Integer>> escalations = new LinkedHashMap<>();
        CLASSES.forEach(name -> {
            byClass.put(name, new LinkedHashMap<>());
            escalations.put(name, new LinkedHashMap<>());
        });
        Duration longestWait = Duration.ZERO;
        int sent = 0;
        int retries = 0;
        int failed = 0;
        for (Share share : shares) {
            byClass.get(share.deadlineClass()).merge(share.outcome(), 1, Integer::sum);
            escalations.get(share.deadlineClass()).merge(share.escalation(), 1, Integer::sum);
            if (share.sentAt() != null) {
                sent++;
                retries += share.attempts() - 1;
                Duration wait = Duration.between(share.createdAt(), share.sentAt());
                longestWait = wait.compareTo(longestWait) > 0 ? wait : longestWait;
            } else {
                retries += share.attempts();
            }
            failed += share.status().equals("FAILED") ? 1 : 0;
        }
        return new Figures(byClass, escalations, shares, sent, retries, failed, longestWait);
    }

    private static String deadlineClass(boolean school, Instant created, Instant due) {
        if (school) {
            return CLASSES.get(0);
        }
        long hours = Duration.between(created, due).toHours();
        return hours <= 36 ? CLASSES.get(1) : hours <= 4 * 24 ? CLASSES.get(2) : CLASSES.get(3);
    }

    private static Outcome outcome(Plan plan, Instant created, Instant due, Instant sent) {
        if (sent != null && !sent.isAfter(due)) {
            return Outcome.MET;
        }
        if (due.isAfter(plan.end())) {
            return Outcome.DUE_AFTER_THE_RUN;
        }
        if (!created.isBefore(due)) {
            return Outcome.ARRIVED_LATE;
        }
        return relayUpBetween(plan.outages(), created, due).compareTo(LEAST_SLACK) < 0 ? Outcome.OUTAGE_LEFT_NO_SLACK
                : Outcome.MISSED_WITH_SLACK;
    }

    private static Escalation escalation(Plan plan, EscalationPoints points, boolean school, boolean watched,
            Instant created, Instant due, Instant acknowledged, Instant escalated) {
        if (!watched) {
            return Escalation.NOT_NEEDED;
        }
        Instant point = school ? due.minus(points.schoolMargin()) : created.plus(Duration.ofMillis(
                (long) Math.ceil(Duration.between(created, due).toMillis() * points.agencyFraction())));
        if (point.isAfter(plan.end())) {
            return Escalation.DUE_AFTER_THE_RUN;
        }
        if (acknowledged != null && acknowledged.isBefore(point)) {
            return Escalation.NOT_NEEDED;
        }
        if (!created.isBefore(due)) {
            return Escalation.ARRIVED_LATE; // escalated at once, but nothing arriving late can be escalated before its deadline
        }
        if (escalated == null) {
            return due.isAfter(plan.end()) ? Escalation.DUE_AFTER_THE_RUN : Escalation.NOT_ESCALATED;
        }
        return escalated.isAfter(due) ? Escalation.LATE : Escalation.IN_TIME;
    }

    /** How long the relay worked between {@code from} and {@code to}. */
    static Duration relayUpBetween(List<Outage> outages, Instant from, Instant to) {
        Duration up = Duration.between(from, to);
        for (Outage outage : outages) {
            if (outage.target() != DeadlineSimulation.Target.RELAY) {
                continue;
            }
            Instant start = outage.from().isAfter(from) ? outage.from() : from;
            Instant end = outage.until().isBefore(to) ? outage.until() : to;
            if (end.isAfter(start)) {
                up = up.minus(Duration.between(start, end));
            }
        }
        return up;
    }

    /** The lines of the printed table (also the CSV's rows). */
    static List<List<String>> table(Figures figures) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("deadline class", "met", "missed: arrived late", "missed: outage left no slack",
                "missed WITH slack", "due after the run", "to escalate", "escalated in time", "escalated late",
                "not escalated", "arrived after its deadline"));
        for (String name : CLASSES) {
            Map<Outcome, Integer> outcomes = figures.byClass().get(name);
            Map<Escalation, Integer> escalations = figures.escalations().get(name);
            int toEscalate = escalations.getOrDefault(Escalation.IN_TIME, 0) + escalations.getOrDefault(Escalation.LATE, 0)
                    + escalations.getOrDefault(Escalation.NOT_ESCALATED, 0);
            rows.add(List.of(name, n(outcomes, Outcome.MET), n(outcomes, Outcome.ARRIVED_LATE),
                    n(outcomes, Outcome.OUTAGE_LEFT_NO_SLACK), n(outcomes, Outcome.MISSED_WITH_SLACK),
                    n(outcomes, Outcome.DUE_AFTER_THE_RUN), String.valueOf(toEscalate), n(escalations, Escalation.IN_TIME),
                    n(escalations, Escalation.LATE), n(escalations, Escalation.NOT_ESCALATED),
                    n(escalations, Escalation.ARRIVED_LATE)));
        }
        return rows;
    }

    private static <K> String n(Map<K, Integer> counts, K key) {
        return String.valueOf(counts.getOrDefault(key, 0));
    }
}
