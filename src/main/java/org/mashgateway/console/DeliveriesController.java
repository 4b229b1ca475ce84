package org.mashgateway.console;

import org.mashgateway.delivery.DeliveryStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The deliveries list (filtered, paged by key), one delivery's history, and retrying or parking one (ADMIN). */
@Controller
class DeliveriesController {

    private final DeliveryViews deliveries;
    private final ConsoleActions console;

    DeliveriesController(DeliveryViews deliveries, ConsoleActions console) {
        this.deliveries = deliveries;
        this.console = console;
    }

    @GetMapping("/admin/deliveries")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String documentType, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long olderThan,
            @RequestParam(required = false) Long newerThan, Model model) {
        DeliveryFilter filter = DeliveryFilter.of(status, recipient, documentType, from, to);
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("page", deliveries.page(filter, olderThan, newerThan));
        return "admin/deliveries";
    }

    @GetMapping("/admin/deliveries/{deliveryId}")
    String one(@PathVariable long deliveryId, Model model) {
        model.addAttribute("delivery", deliveries.one(deliveryId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("history", deliveries.history(deliveryId));
        return "admin/delivery";
    }

    @PostMapping("/admin/deliveries/{deliveryId}/retry")
    String retry(@PathVariable long deliveryId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", console.retry(deliveryId));
        return "redirect:/admin/deliveries/" + deliveryId;
    }

    @PostMapping("/admin/deliveries/{deliveryId}/park")
    String park(@PathVariable long deliveryId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", console.park(deliveryId));
        return "redirect:/admin/deliveries/" + deliveryId;
    }
}
