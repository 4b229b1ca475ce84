package org.mashgateway.simulation;

import static org.mashgateway.sql.DatabaseTime.at;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.schoolday.SchoolCalendar;
import org.mashgateway.simulation.SimulatedIncidents.Arrival;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.MovableClock;
import org.mashgateway.support.PartnerQueue;
import org.mashgateway.support.ThisProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Runs the real gateway (its database, S/MIME, SMTP to a real relay, its scheduled routes) through
 * simulated time on its movable clock, as fast as it goes: the clock stops at each arrival, at each
 * whole step and at each fault; at each stop the force's documents due by then are posted over
 * HTTPS, the relay goes down or comes back, recipients acknowledge through their links, and the
 * clock moves on only when the gateway has done everything due by then (no outbox entry due and
 * unsettled) and, at whole steps, its escalation route has run twice at that time.
 */
final class DeadlineSimulation {

    /** What a fault takes away. */
    enum Target { RELAY, BROKER }

    /**
     * A fault in the plan: from {@code from} for {@code length} the relay refuses connections, or the
     * gateway's broker is stopped (then started again on its journal).
     */
    record Outage(String name, Target target, Instant from, Duration length) {
        Instant until() {
            return from.plus(length);
        }

        boolean covers(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(until());
        }
    }

    /** The gateway's broker, which the simulation stops and starts. */
    interface Broker {
        void stop() throws Exception;

        void start() throws Exception;
    }

    /** @param step the longest move of the clock between two looks at the backlog and two escalation runs */
    record Plan(Instant start, Duration length, int incidentsPerDay, Duration step, List<Outage> outages, long seed) {
        Instant end() {
            return start.plus(length);
        }
    }

    /** The backlog at one instant of simulated time. */
    record Sample(Instant at, int pending, Duration tightestSlack, Duration oldestWaiting, boolean relayUp) {}

    /**
     * @param byQueue documents the force sent over the broker rather than HTTPS
     * @param heldByForce documents the force held while the broker was away and sent after
     * @param byQueueAfterRestart documents accepted over the broker after it was restarted
     */
    record Run(Plan plan, List<Sample> samples, Map<SimulatedIncidents.Type, Integer> posted, int byQueue,
            int heldByForce, int byQueueAfterRestart, int refused, int acknowledged, Map<String, Integer> linkAnswers, int mails, Duration wallTime, Duration cpuTime,
            double peakRssMb) {}

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Long enough for the run at 07:00 of the first school day after a long weekend, which escalates
     * every school notification of the weekend nobody acknowledged yet (some 9,000 at national scale).
     */
    private static final Duration ESCALATION_TIMEOUT = Duration.ofMinutes(20);

    private final Plan plan;
    private final SimulatedArea area;
    private final JdbcTemplate store;
    private final MovableClock clock;
    private final SimulatedRelay relay;
    private final MeterRegistry meters;
    private final GatewayClient police;
    private final SimulatedRecipients recipients;
    private final Broker broker;
    private final int brokerPort;
    private boolean brokerUp = true;

    DeadlineSimulation(Plan plan, SimulatedArea area, JdbcTemplate store, MovableClock clock, SimulatedRelay relay,
            MeterRegistry meters, SchoolCalendar calendar, int port, Broker broker, int brokerPort) {
        this.plan = plan;
        this.area = area;
        this.store = store;
        this.clock = clock;
        this.relay = relay;
        this.meters = meters;
        this.police = GatewayClient.as("police-DERBYS", port);
        this.recipients = new SimulatedRecipients(store, calendar, port, plan.seed() + 1);
        this.broker = broker;
        this.brokerPort = brokerPort;
    }

    Run run() throws Exception {
        List<Arrival> arrivals = new SimulatedIncidents(area, plan.seed()).between(plan.start(), plan.length(),
                plan.incidentsPerDay());
        Map<SimulatedIncidents.Type, Integer> posted = new EnumMap<>(SimulatedIncidents.Type.class);
        List<Sample> samples = new ArrayList<>();
        int refused = 0;
        int byQueue = 0;
        int heldByForce = 0;
        int byQueueAfterRestart = 0;
        boolean brokerRestarted = false;
        int mails = 0;
        List<Arrival> held = new ArrayList<>();
        long wallStart = System.nanoTime();
        long cpuStart = ThisProcess.cpuNanos();
        int next = 0;
        Instant nextStep = plan.start();
        Instant now = plan.start();
        while (now.isBefore(plan.end())) {
            clock.set(now);
            faults(now);
            Instant at = now;
            brokerRestarted |= plan.outages().stream().anyMatch(o -> o.target() == Target.BROKER && !at.isBefore(o.until()));
            List<Arrival> due = new ArrayList<>();
            if (brokerUp) {
                due.addAll(held); // the force's system sends what it held while the broker was away
                held.clear();
            }
            while (next < arrivals.size() && !arrivals.get(next).at().isAfter(now)) {
                due.add(arrivals.get(next++));
            }
            for (Arrival arrival : due) {
                boolean queue = sentByQueue(arrival);
                // A correction or withdrawal waits behind a held document: it may be what it replaces.
                boolean behindHeld = !held.isEmpty() && arrival.type() != SimulatedIncidents.Type.NOTIFICATION;
                if ((queue || behindHeld) && !brokerUp) {
                    held.add(arrival);
                    heldByForce++;
                    continue;
                }
                if (queue ? postByQueue(arrival) : postByHttps(arrival)) {
                    posted.merge(arrival.type(), 1, Integer::sum);
                    byQueue += queue ? 1 : 0;
                    byQueueAfterRestart += queue && brokerRestarted ? 1 : 0;
                } else {
                    refused++; // a correction of a withdrawn notification, say: the answer names why
                }
            }
            settle(now);
            boolean wholeStep = !now.isBefore(nextStep);
            if (wholeStep) {
                escalationRunsAt(now);
                settle(now);
            }
            List<MimeMessage> fresh = relay.newMail();
            mails += fresh.size();
            recipients.received(fresh, now);
            if (wholeStep && now.atZone(ZoneOffset.UTC).getMinute() == 0) {
                relay.forgetHandedOut();
            }
            recipients.acknowledgeDue(now);
            if (wholeStep) {
                samples.add(sample(now));
                nextStep = now.plus(plan.step());
            }
            now = earliest(nextStep, next < arrivals.size() ? arrivals.get(next).at() : null, nextFault(now),
                    recipients.next().orElse(null));
        }
        clock.set(plan.end());
        return new Run(plan, samples, posted, byQueue, heldByForce, byQueueAfterRestart, refused, recipients.acknowledged(), recipients.answers(), mails,
                Duration.ofNanos(System.nanoTime() - wallStart), Duration.ofNanos(ThisProcess.cpuNanos() - cpuStart),
                ThisProcess.memoryMb("VmHWM"));
    }

    /** One document in four comes over the broker (the force's case system on the queue), the rest over HTTPS. */
    private static boolean sentByQueue(Arrival arrival) {
        return Math.floorMod(arrival.id().hashCode(), 4) == 0;
    }

    private boolean postByHttps(Arrival arrival) {
        Answer answer = police.postXml("/api/v1/notifications", arrival.xml());
        return answer.status() == 202;
    }

    private boolean postByQueue(Arrival arrival) throws Exception {
        JsonNode report = PartnerQueue.report(brokerPort, "DERBYS", BrokerAddresses.NOTIFICATIONS,
                session -> PartnerQueue.text(session, arrival.xml()));
        return report.path("status").asText().equals("ACCEPTED");
    }

    private void faults(Instant now) throws Exception {
        if (covered(Target.RELAY, now)) {
            relay.down();
        } else {
            relay.up();
        }
        boolean brokerAway = covered(Target.BROKER, now);
        if (brokerAway && brokerUp) {
            broker.stop();
            brokerUp = false;
        } else if (!brokerAway && !brokerUp) {
            broker.start();
            brokerUp = true;
        }
    }

    private boolean covered(Target target, Instant now) {
        return plan.outages().stream().anyMatch(outage -> outage.target() == target && outage.covers(now));
    }

    private Instant nextFault(Instant now) {
        Instant next = null;
        for (Outage outage : plan.outages()) {
            for (Instant edge : List.of(outage.from(), outage.until())) {
                if (edge.isAfter(now) && (next == null || edge.isBefore(next))) {
                    next = edge;
                }
            }
        }
        return next;
    }

    /** Waits until no outbox entry is due at {@code now} and unsettled (sent, or put off to a later attempt). */
    private void settle(Instant now) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (due(now) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway did not settle the outbox due at " + now + " within " + SETTLE_TIMEOUT);
            }
            Thread.sleep(2);
        }
    }

    private int due(Instant now) {
        return store.queryForObject("SELECT COUNT(*) FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= ?",
                Integer.class, at(now));
    }

    /** Waits for two runs of the escalation route after the clock was set: at least one saw {@code now}. */
    private void escalationRunsAt(Instant now) throws InterruptedException {
        Counter runs = meters.find(Pollers.RUNS).tag(Pollers.POLLER_TAG, "escalation").counter();
        if (runs == null) {
            throw new AssertionError("no counter of the escalation route's runs");
        }
        double target = runs.count() + 2;
        long deadline = System.nanoTime() + ESCALATION_TIMEOUT.toNanos();
        while (runs.count() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the escalation route did not run at " + now);
            }
            Thread.sleep(2);
        }
    }

    private Sample sample(Instant now) {
        OffsetDateTime at = at(now);
        Map<String, Object> row = store.queryForMap("SELECT COUNT(*) AS pending, MIN(due_by) AS tightest, "
                + "MIN(created_at) AS oldest FROM delivery WHERE outbox_kind = 'SHARE' AND status = 'PENDING'");
        int pending = ((Number) row.get("pending")).intValue();
        Instant tightest = instant(row.get("tightest"));
        Instant oldest = instant(row.get("oldest"));
        return new Sample(now, pending, tightest == null ? null : Duration.between(at.toInstant(), tightest),
                oldest == null ? Duration.ZERO : Duration.between(oldest, at.toInstant()), relay.isUp());
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }

    private static Instant earliest(Instant... candidates) {
        Instant earliest = null;
        for (Instant candidate : candidates) {
            if (candidate != null && (earliest == null || candidate.isBefore(earliest))) {
                earliest = candidate;
            }
        }
        return earliest;
    }
}
