package org.mashgateway.console;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.mashgateway.directory.ConfiguredDirectory;
import org.mashgateway.directory.School;
import org.mashgateway.policy.SharingPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who the gateway knows (forces, the case system, agencies, schools by page) with their
 * certificates' expiry, the policy version in force; reloading either (ADMIN). Entries are shown
 * by code or URN, organisation name and channel; contact addresses are not shown.
 */
@Controller
class DirectoryController {

    static final int SCHOOLS_PAGE_SIZE = 100;

    private final ConfiguredDirectory directory;
    private final SharingPolicy policy;
    private final Certificates certificates;
    private final ConsoleActions console;

    DirectoryController(ConfiguredDirectory directory, SharingPolicy policy, Certificates certificates,
            ConsoleActions console) {
        this.directory = directory;
        this.policy = policy;
        this.certificates = certificates;
        this.console = console;
    }

    /** One directory entry as listed: code, organisation name, how it is reached, and its certificates. */
    record Entry(String code, String name, String channel, int certificates, Instant firstExpiry) {}

    @GetMapping("/admin/directory")
    String show(@RequestParam(defaultValue = "0") int schoolsPage, Model model) {
        List<School> schools = directory.schools();
        int pages = Math.max(1, (schools.size() + SCHOOLS_PAGE_SIZE - 1) / SCHOOLS_PAGE_SIZE);
        int page = Math.min(Math.max(0, schoolsPage), pages - 1);
        model.addAttribute("forces", directory.forces().stream()
                .map(force -> entry(force.code(), force.name(), "HTTPS / QUEUE", force.certificates())).toList());
        model.addAttribute("caseSystems", directory.caseSystems().stream()
                .map(system -> entry(system.code(), system.name(), "HTTPS / QUEUE", system.certificates())).toList());
        model.addAttribute("agencies", directory.agencies().stream()
                .map(agency -> entry(agency.code(), agency.name(), agency.channel().name(), agency.certificates()))
                .toList());
        model.addAttribute("schools", schools.stream()
                .skip((long) page * SCHOOLS_PAGE_SIZE).limit(SCHOOLS_PAGE_SIZE)
                .map(school -> entry(school.urn(), school.name(), "EMAIL", school.certificates())).toList());
        model.addAttribute("schoolCount", schools.size());
        model.addAttribute("schoolsPage", page);
        model.addAttribute("schoolsPages", pages);
        model.addAttribute("certificates", certificates.expiringSoon());
        model.addAttribute("lastReload", directory.lastReload());
        model.addAttribute("policyVersion", policy.version());
        return "admin/directory";
    }

    @PostMapping("/admin/directory/reload")
    String reloadDirectory(RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", console.reloadDirectory());
        return "redirect:/admin/directory";
    }

    @PostMapping("/admin/policy/reload")
    String reloadPolicy(RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", console.reloadPolicy());
        return "redirect:/admin/directory";
    }

    private static Entry entry(String code, String name, String channel, List<X509Certificate> certificates) {
        Instant first = certificates.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElse(null);
        return new Entry(code, name, channel, certificates.size(), first);
    }
}
