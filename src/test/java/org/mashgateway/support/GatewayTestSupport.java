package org.mashgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.mashgateway.routecontrol.PausedRoutes;
import org.mashgateway.routecontrol.RoutePauses;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every test of the whole gateway has (demo profile: embedded Artemis, H2, real HTTPS with the
 * demo certificates, on a random port): extend {@link GatewayTest} for a gateway of the class's own,
 * or {@link SharedGatewayTest} for the one gateway that classes needing nothing special share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
public abstract class GatewayTestSupport {

    @Autowired
    private CamelContext routes;

    @Autowired
    private RoutePauses routePauses;

    @Autowired
    private PausedRoutes pausedRoutes;

    /** A route paused as an admin pauses it (kept for every node), and at once on this node; closing resumes it. */
    public interface PausedRoute extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    protected PausedRoute pauseRoute(String routeId) throws Exception {
        assertThat(routePauses.pause(routeId, "admin", Instant.now())).as("paused " + routeId).isTrue();
        assertThat(pausedRoutes.pauseHere(routes, routeId)).as("paused " + routeId + " on this node").isTrue();
        return () -> {
            routePauses.resume(routeId);
            pausedRoutes.resumeHere(routes, routeId);
        };
    }

    /** Opens the broker's partner listener on {@code port}, where partners' clients connect over TCP. */
    protected static void partnerListener(DynamicPropertyRegistry registry, int port) {
        registry.add("mash.broker.listen", () -> "true");
        registry.add("mash.broker.port", () -> String.valueOf(port));
    }

    /**
     * A data dir (database, broker journal) of this gateway's own: two embedded brokers cannot share a
     * journal. In the PostgreSQL run, a database of its own too.
     */
    protected static void isolatedDataDir(DynamicPropertyRegistry registry) {
        Path dataDir = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        registry.add("mash.data-dir", dataDir::toString);
        TestDatabase.forGateway(registry);
    }
}
