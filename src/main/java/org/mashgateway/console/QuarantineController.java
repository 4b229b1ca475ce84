package org.mashgateway.console;

import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The messages in {@code mash.quarantine} by their properties, and releasing or discarding one (ADMIN). */
@Controller
class QuarantineController {

    private final BrokerQueues queues;
    private final ConsoleActions console;

    QuarantineController(BrokerQueues queues, ConsoleActions console) {
        this.queues = queues;
        this.console = console;
    }

    @GetMapping("/admin/quarantine")
    String list(Model model) {
        model.addAttribute("brokerVisible", queues.visible());
        model.addAttribute("messages", queues.quarantined());
        model.addAttribute("releaseReasons", Arrays.stream(QuarantineReason.values()).filter(QuarantineReason::forRelease).toList());
        model.addAttribute("discardReasons", Arrays.stream(QuarantineReason.values()).filter(r -> !r.forRelease()).toList());
        return "admin/quarantine";
    }

    @PostMapping("/admin/quarantine/{messageId}/release")
    String release(@PathVariable long messageId, @RequestParam QuarantineReason reason, RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", console.release(messageId, reason));
        return "redirect:/admin/quarantine";
    }

    @PostMapping("/admin/quarantine/{messageId}/discard")
    String discard(@PathVariable long messageId, @RequestParam QuarantineReason reason, RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", console.discard(messageId, reason));
        return "redirect:/admin/quarantine";
    }
}
