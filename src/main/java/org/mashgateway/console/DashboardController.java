package org.mashgateway.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's first page: routes, queue depths, deliveries by state and against their DueBy,
 * open alerts and certificates running out; and pausing or resuming a route (ADMIN).
 */
@Controller
class DashboardController {

    private static final int LATEST = 5;

    private final CamelRoutes routes;
    private final BrokerQueues queues;
    private final DeliveryViews deliveries;
    private final AlertViews alerts;
    private final Certificates certificates;
    private final AdminActions actions;
    private final ConsoleActions console;

    DashboardController(CamelRoutes routes, BrokerQueues queues, DeliveryViews deliveries, AlertViews alerts,
            Certificates certificates, AdminActions actions, ConsoleActions console) {
        this.routes = routes;
        this.queues = queues;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.certificates = certificates;
        this.actions = actions;
        this.console = console;
    }

    @GetMapping({"/admin", "/admin/"})
    String dashboard(Model model) {
        model.addAttribute("routes", routes.all());
        model.addAttribute("brokerVisible", queues.visible());
        model.addAttribute("depths", queues.depths());
        model.addAttribute("counts", deliveries.countsByStatus());
        model.addAttribute("deadlines", deliveries.deadlines());
        model.addAttribute("openAlerts", alerts.openCount());
        model.addAttribute("latestAlerts", alerts.list(true, LATEST));
        model.addAttribute("certificates", certificates.expiringSoon());
        model.addAttribute("recentActions", actions.recent(LATEST));
        return "admin/dashboard";
    }

    @PostMapping("/admin/routes/{routeId}/pause")
    String pause(@PathVariable String routeId, RedirectAttributes redirect) throws Exception {
        redirect.addFlashAttribute("outcome", console.pause(routeId));
        return "redirect:/admin";
    }

    @PostMapping("/admin/routes/{routeId}/resume")
    String resume(@PathVariable String routeId, RedirectAttributes redirect) throws Exception {
        redirect.addFlashAttribute("outcome", console.resume(routeId));
        return "redirect:/admin";
    }
}
