package org.mashgateway.simulation;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.mashgateway.schoolday.SchoolCalendar;
import org.mashgateway.support.GatewayProcess;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A gateway of its own on the movable clock, with a simulated area's directory and a relay the
 * simulation takes down, its escalation route run often enough that two runs follow each move of
 * the clock within milliseconds.
 */
@Import(MovableClock.Replacement.class)
abstract class SimulationGateway extends GatewayTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate store;

    @Autowired
    MovableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SchoolCalendar calendar;

    @Autowired
    EmbeddedActiveMQ broker;

    /** The gateway's escalation settings, given to it and to the judge of its escalations alike. */
    private static final DeadlineCompliance.EscalationPoints ESCALATION =
            new DeadlineCompliance.EscalationPoints(Duration.ofHours(1), 0.75);

    /** The broker's partner listener, where the force's case system sends by queue. */
    private static final int BROKER_PORT = freePort();

    /** The area's relay, one per class (started when the class configures its gateway). */
    static SimulatedRelay relay;

    /** Writes the area's directory, starts its relay and points the gateway at both. */
    static void configure(DynamicPropertyRegistry registry, SimulatedArea area) {
        int relayPort = freePort();
        relay = new SimulatedRelay(relayPort);
        isolatedDataDir(registry);
        partnerListener(registry, BROKER_PORT);
        Path yaml = area.writeTo(Path.of("target", "simulation", "area-" + UUID.randomUUID()).toAbsolutePath());
        registry.add("mash.directory", () -> "file:" + yaml);
        registry.add("mash.directory.schools-csv", () -> "file:" + yaml.resolveSibling("schools.csv"));
        registry.add("mash.mail.smtp.port", () -> String.valueOf(relayPort));
        registry.add("mash.mail.smtp.connect-timeout", () -> "PT1S");
        registry.add("mash.escalation.check-interval", () -> "PT0.02S");
        registry.add("mash.escalation.school-margin", () -> ESCALATION.schoolMargin().toString());
        registry.add("mash.escalation.agency-fraction", () -> String.valueOf(ESCALATION.agencyFraction()));
        registry.add("mash.delivery.poll-interval", () -> "PT0.05S");
        registry.add("mash.delivery.deadline-check-interval", () -> "PT1S");
    }

    @AfterAll
    static void relayAway() {
        relay.close();
    }

    private static int freePort() {
        return GatewayProcess.freePort();
    }

    /** When this gateway escalates (set in its configuration below), for judging whether it did so in time. */
    DeadlineCompliance.EscalationPoints escalationPoints() {
        return ESCALATION;
    }

    DeadlineSimulation simulation(DeadlineSimulation.Plan plan, SimulatedArea area) {
        DeadlineSimulation.Broker restartable = new DeadlineSimulation.Broker() {
            @Override
            public void stop() throws Exception {
                broker.stop();
            }

            @Override
            public void start() throws Exception {
                broker.start();
            }
        };
        return new DeadlineSimulation(plan, area, store, clock, relay, meters, calendar, port, restartable, BROKER_PORT);
    }
}
