package org.mashgateway.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's login page: a username and password form, and a link per identity provider when
 * OpenID Connect is configured. A failed login says only that it failed, never what was typed.
 */
@Controller
class LoginController {

    private final ObjectProvider<ClientRegistrationRepository> identityProviders;

    LoginController(ObjectProvider<ClientRegistrationRepository> identityProviders) {
        this.identityProviders = identityProviders;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("identityProviders", identityProviders());
        return "login";
    }

    private List<IdentityProvider> identityProviders() {
        List<IdentityProvider> providers = new ArrayList<>();
        // Spring Boot registers the configured providers in this, the one kind of repository that can list them.
        if (identityProviders.getIfAvailable() instanceof InMemoryClientRegistrationRepository registrations) {
            for (ClientRegistration client : registrations) {
                providers.add(new IdentityProvider("/oauth2/authorization/" + client.getRegistrationId(),
                        client.getClientName()));
            }
        }
        return providers;
    }

    /** A link on the login page that starts an OpenID Connect login. */
    record IdentityProvider(String path, String name) {}
}
