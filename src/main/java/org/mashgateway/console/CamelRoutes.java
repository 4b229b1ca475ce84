package org.mashgateway.console;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.stereotype.Service;

/** The gateway's Camel routes as the dashboard shows them, and pausing or resuming one. */
@Service
class CamelRoutes {

    private final CamelContext camel;
    private final RouteTraffic traffic;

    CamelRoutes(CamelContext camel, RouteTraffic traffic) {
        this.camel = camel;
        this.traffic = traffic;
    }

    /** One route: its id and description (from the reviewed YAML), its state, and what it has done. */
    record RouteView(String id, String description, String state, RouteTraffic.Traffic traffic) {

        public boolean paused() {
            return ServiceStatus.Suspended.name().equals(state);
        }
    }

    List<RouteView> all() {
        return camel.getRoutes().stream()
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(this::view)
                .toList();
    }

    /** Suspends a started route: its consumer stops taking messages, which wait on their queue. */
    boolean pause(String routeId) throws Exception {
        Optional<Route> route = known(routeId);
        if (route.isEmpty() || camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
            return false;
        }
        camel.getRouteController().suspendRoute(routeId);
        return true;
    }

    boolean resume(String routeId) throws Exception {
        Optional<Route> route = known(routeId);
        if (route.isEmpty() || camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Suspended) {
            return false;
        }
        camel.getRouteController().resumeRoute(routeId);
        return true;
    }

    private Optional<Route> known(String routeId) {
        return Optional.ofNullable(camel.getRoute(routeId));
    }

    private RouteView view(Route route) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
        return new RouteView(route.getRouteId(), route.getDescription(), status == null ? "Unknown" : status.name(),
                traffic.of(route.getRouteId()));
    }
}
