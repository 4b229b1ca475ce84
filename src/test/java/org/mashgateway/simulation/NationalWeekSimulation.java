package org.mashgateway.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mashgateway.simulation.DeadlineCompliance.Figures;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A national week in minutes (issue 15): not part of {@code verify} (its name does not end in
 * Test). Run by {@code scripts/simulate-week} or
 * {@code ./mvnw -B -o surefire:test -Dtest=NationalWeekSimulation -Dsimulation.days=7
 * -Dsimulation.incidents-per-day=4000 -Dsimulation.schools=20000}; prints the compliance table
 * and writes CSV and a plot under {@code target/simulation/}.
 */
class NationalWeekSimulation extends SimulationGateway {

    private static final int DAYS = Integer.getInteger("simulation.days", 7);
    private static final int PER_DAY = Integer.getInteger("simulation.incidents-per-day", 4_000);
    private static final long SEED = Long.getLong("simulation.seed", 15L);
    private static final SimulatedArea AREA = new SimulatedArea(Integer.getInteger("simulation.schools", 20_000));

    @DynamicPropertySource
    static void area(DynamicPropertyRegistry registry) {
        configure(registry, AREA);
    }

    @Test
    void a_national_week() throws Exception {
        DeadlineSimulation.Plan plan = SimulatedCalendar.week(calendar, LocalDate.now(SimulatedIncidents.LONDON), DAYS,
                PER_DAY, SEED);
        DeadlineSimulation.Run run = simulation(plan, AREA).run();
        Figures figures = DeadlineCompliance.of(store, plan, escalationPoints());
        SimulationReport.print("national-week", run, figures);

        assertThat(figures.missedWithSlack()).as("deadlines missed although the relay left slack").isEmpty();
        assertThat(figures.escalatedLateOrNot()).as("unacknowledged copies escalated late or not at all").isEmpty();
    }
}
