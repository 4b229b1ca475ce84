package org.mashgateway.routecontrol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes this node's Camel routes follow the pauses in {@link RoutePauses}. A route paused when the
 * node starts is never started (its consumer takes nothing); after that the route
 * {@value #FOLLOWER_ROUTE} calls {@link #follow} every {@code mash.routes.pause-check-interval}:
 * a route paused on another node is suspended here, a resumed one runs again.
 */
@Component
public class PausedRoutes implements RoutePolicyFactory {

    private static final Logger log = LoggerFactory.getLogger(PausedRoutes.class);

    /** The route that does the following: never paused, or the node would stop following. */
    public static final String FOLLOWER_ROUTE = "route-pauses";

    private final RoutePauses pauses;
    /** Routes this node did not start because they were paused: started, not resumed, when the pause is lifted. */
    private final Set<String> heldAtStart = ConcurrentHashMap.newKeySet();

    PausedRoutes(RoutePauses pauses) {
        this.pauses = pauses;
    }

    /** Whether an admin may pause this route from the console. */
    public static boolean pausable(String routeId) {
        return !FOLLOWER_ROUTE.equals(routeId);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onInit(Route route) {
                holdIfPaused(route);
            }
        };
    }

    private void holdIfPaused(Route route) {
        String routeId = route.getRouteId();
        if (!pausable(routeId)) {
            return;
        }
        boolean paused;
        try {
            paused = pauses.isPaused(routeId);
        } catch (RuntimeException e) {
            // The database is not there: the route starts, and is paused by the first follow() that reads the table.
            log.warn("Could not read whether route {} is paused ({}); starting it", routeId, e.getClass().getSimpleName());
            return;
        }
        if (paused) {
            route.setAutoStartup(false);
            heldAtStart.add(routeId);
            log.info("Route {} is paused by an admin: not started on this node", routeId);
        }
    }

    /** Suspends every route paused in the database and runs again every route no longer paused. */
    public void follow(CamelContext camel) throws Exception {
        Set<String> paused = pauses.paused();
        for (Route route : camel.getRoutes()) {
            String routeId = route.getRouteId();
            if (!pausable(routeId)) {
                continue;
            }
            if (paused.contains(routeId)) {
                if (pauseHere(camel, routeId)) {
                    log.info("Route {} paused on this node: an admin paused it", routeId);
                }
            } else if (resumeHere(camel, routeId)) {
                log.info("Route {} runs again on this node: an admin resumed it", routeId);
            }
        }
    }

    /**
     * Pauses a route here and now, for {@link #follow} on the other nodes: false when it was not
     * running here (it may still be recorded as paused for the cluster).
     */
    public boolean pauseHere(CamelContext camel, String routeId) throws Exception {
        if (camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
            return false;
        }
        camel.getRouteController().suspendRoute(routeId);
        return true;
    }

    /** Runs a paused route again here and now: resumed if suspended, started if it was held at start. */
    public boolean resumeHere(CamelContext camel, String routeId) throws Exception {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        if (status == ServiceStatus.Suspended) {
            camel.getRouteController().resumeRoute(routeId);
            return true;
        }
        if (status == ServiceStatus.Stopped && heldAtStart.remove(routeId)) {
            camel.getRouteController().startRoute(routeId);
            return true;
        }
        return false;
    }
}
