package org.mashgateway.console;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.mashgateway.routecontrol.PausedRoutes;
import org.mashgateway.routecontrol.RoutePauses;
import org.mashgateway.scheduling.ScheduledWorkLeases;
import org.springframework.stereotype.Service;

/**
 * The gateway's Camel routes as the dashboard shows them, and pausing or resuming one. A pause is
 * kept in the database and holds on every node (each follows it within
 * {@code mash.routes.pause-check-interval}) and across restarts; this node applies it at once.
 */
@Service
class CamelRoutes {

    private final CamelContext camel;
    private final RouteTraffic traffic;
    private final RoutePauses pauses;
    private final PausedRoutes pausedRoutes;
    private final ScheduledWorkLeases leases;
    private final Clock clock;

    CamelRoutes(CamelContext camel, RouteTraffic traffic, RoutePauses pauses, PausedRoutes pausedRoutes,
            ScheduledWorkLeases leases, Clock clock) {
        this.camel = camel;
        this.traffic = traffic;
        this.pauses = pauses;
        this.pausedRoutes = pausedRoutes;
        this.leases = leases;
        this.clock = clock;
    }

    /**
     * One route: its id and description (from the reviewed YAML), its state on this node, whether
     * an admin paused it (for every node), whether it may be paused, what it has done here, and,
     * for work run on one node at a time, which node holds it (null for every other route).
     */
    record RouteView(String id, String description, String state, boolean paused, boolean pausable,
            RouteTraffic.Traffic traffic, RunsOn runsOn) {}

    /** The node holding a piece of work's lease; {@code lapsed} when it ran out (holder dead or stopped). */
    record RunsOn(String node, boolean lapsed) {}

    List<RouteView> all() {
        Set<String> paused = pauses.paused();
        Map<String, ScheduledWorkLeases.Holder> holders = leases.holders();
        return camel.getRoutes().stream()
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(route -> view(route, paused.contains(route.getRouteId()), holders.get(route.getRouteId())))
                .toList();
    }

    /** Pauses a running route on every node; false when it is unknown, may not be paused, or is paused already. */
    boolean pause(String routeId, String actor) throws Exception {
        if (camel.getRoute(routeId) == null || !PausedRoutes.pausable(routeId)
                || !pauses.pause(routeId, actor, clock.instant())) {
            return false;
        }
        pausedRoutes.pauseHere(camel, routeId);
        return true;
    }

    /** Lifts an admin's pause on every node; false when the route is unknown or not paused. */
    boolean resume(String routeId) throws Exception {
        if (camel.getRoute(routeId) == null || !pauses.resume(routeId)) {
            return false;
        }
        pausedRoutes.resumeHere(camel, routeId);
        return true;
    }

    /**
     * The route's description; for a route made from a template, its {@code description} parameter
     * (Camel leaves the template's {@code {{description}}} unresolved in the route itself).
     */
    private String descriptionOf(Route route) {
        if (!route.isCreatedByRouteTemplate()) {
            return route.getDescription();
        }
        RouteDefinition definition = camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinition(route.getRouteId());
        Object description = definition == null ? null : definition.getTemplateParameters().get("description");
        return description == null ? route.getDescription() : description.toString();
    }

    private RouteView view(Route route, boolean paused, ScheduledWorkLeases.Holder holder) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
        String state = status == null ? "Unknown" : status.name();
        if (paused && status == ServiceStatus.Stopped) {
            // Held at start by the pause: not a route someone stopped.
            state = "Paused";
        }
        return new RouteView(route.getRouteId(), descriptionOf(route), state, paused,
                PausedRoutes.pausable(route.getRouteId()), traffic.of(route.getRouteId()),
                holder == null ? null : new RunsOn(holder.node(), holder.until().isBefore(clock.instant())));
    }
}
