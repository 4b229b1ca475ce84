package org.mashgateway.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Open and acknowledged alerts, and acknowledging one (any console user; who did is recorded). */
@Controller
class AlertsController {

    private final AlertViews alerts;
    private final ConsoleActions console;

    AlertsController(AlertViews alerts, ConsoleActions console) {
        this.alerts = alerts;
        this.console = console;
    }

    @GetMapping("/admin/alerts")
    String list(@RequestParam(defaultValue = "open") String show, Model model) {
        boolean open = !"acknowledged".equals(show);
        model.addAttribute("showingOpen", open);
        model.addAttribute("alerts", alerts.list(open, AlertViews.PAGE_SIZE));
        return "admin/alerts";
    }

    @PostMapping("/admin/alerts/{alertId}/acknowledge")
    String acknowledge(@PathVariable long alertId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", console.acknowledgeAlert(alertId));
        return "redirect:/admin/alerts";
    }
}
