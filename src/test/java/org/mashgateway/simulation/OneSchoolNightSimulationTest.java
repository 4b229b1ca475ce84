package org.mashgateway.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mashgateway.simulation.DeadlineCompliance.Figures;
import org.mashgateway.simulation.DeadlineCompliance.Outcome;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The small version of the national week (issue 15), in every build: one simulated day across a
 * school night, a few hundred incidents (one in four sent by queue), the broker restarted in the
 * evening, the relay down for two hours overnight and for twenty minutes at 07:50. Every deadline an outage left slack for is met, and every copy nobody
 * acknowledged is escalated before its deadline. The full week: {@link NationalWeekSimulation}.
 */
class OneSchoolNightSimulationTest extends SimulationGateway {

    private static final SimulatedArea AREA = new SimulatedArea(2_000);

    @DynamicPropertySource
    static void area(DynamicPropertyRegistry registry) {
        configure(registry, AREA);
    }

    @Test
    void every_deadline_with_slack_is_met_and_every_unacknowledged_copy_escalated_in_time() throws Exception {
        DeadlineSimulation.Plan plan = SimulatedCalendar.oneSchoolNight(calendar, LocalDate.now(SimulatedIncidents.LONDON),
                300, 20261204L);
        DeadlineSimulation.Run run = simulation(plan, AREA).run();
        Figures figures = DeadlineCompliance.of(store, plan, escalationPoints());
        SimulationReport.print("one-school-night", run, figures);

        assertThat(figures.missedWithSlack()).as("deadlines missed although the relay left slack").isEmpty();
        assertThat(figures.escalatedLateOrNot()).as("unacknowledged copies escalated late or not at all").isEmpty();
        // The run is only a proof if it holds what it is meant to: shares of each kind, night-time
        // SDAT held up by the outage, misses that the 07:50 outage explains, and escalations.
        assertThat(figures.count(Outcome.MET)).isGreaterThan(500);
        assertThat(figures.byClass().get(DeadlineCompliance.CLASSES.get(0)).getOrDefault(Outcome.MET, 0)).isGreaterThan(50);
        assertThat(figures.retries()).as("attempts refused by the relay").isPositive();
        assertThat(figures.count(DeadlineCompliance.Escalation.IN_TIME)).isPositive();
        assertThat(figures.failed()).as("shares FAILED").isZero();
        assertThat(run.acknowledged()).isPositive();
        assertThat(run.byQueueAfterRestart()).as("documents the restarted broker's queue brought in").isPositive();
    }
}
