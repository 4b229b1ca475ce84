package org.mashgateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.mashgateway.alert.Alerts;
import org.mashgateway.config.AdminUsersProperties;
import org.mashgateway.directory.Directory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.ObjectMapper;

/**
 * Two kinds of caller share the one connector: partner systems on {@code /api} (client
 * certificates, judged by {@link ApiCallerFilter}; no sessions, no CSRF since no browser holds
 * their credentials) and people on everything else (form or OpenID Connect login, roles, CSRF,
 * security headers). See docs/security-model.md.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /** The actuator endpoint the Prometheus scraper reads, and the role that may read only it. */
    static final String PROMETHEUS = "prometheus";
    static final String METRICS = "METRICS";

    /** Late, leaving room before it for chains that match narrower paths. */
    static final int PEOPLE_ORDER = 100;

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain partnerSystems(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * People: the console, the audit pages and actuator. It matches every path, so it comes after
     * every narrower chain (the partner API, acknowledgement links); anything it does not name is
     * refused. Form login on our own page, HTTP basic for the scraper (METRICS opens the Prometheus
     * endpoint and nothing else), and, when an identity provider
     * is registered under {@code spring.security.oauth2.client.registration.*}, OpenID Connect login
     * with roles from {@code mash.admin.oidc}. CSRF stays on for every state change.
     */
    @Bean
    @Order(PEOPLE_ORDER)
    SecurityFilterChain people(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> identityProviders,
            AdminUsersProperties properties) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to(PROMETHEUS)).hasAnyRole(METRICS, "OPERATOR")
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("OPERATOR")
                        .requestMatchers("/login", "/error").permitAll()
                        // The audit checkpoint button is an admin's too (it shows nothing of the trail).
                        .requestMatchers(HttpMethod.POST, "/admin/audit/checkpoint").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/admin/audit/**", "/admin/api/audit/**").hasRole("AUDITOR")
                        // The IG report is counts only: for the auditors and the admins who answer to the board.
                        .requestMatchers("/admin/reports/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/admin/**").hasRole("OPERATOR")
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/admin"))
                .httpBasic(Customizer.withDefaults())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds()))
                        // Spring's default, stated because the console's pages must never be cached.
                        .cacheControl(Customizer.withDefaults()));
        if (identityProviders.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .defaultSuccessUrl("/admin")
                    .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(new OidcRoles(properties.oidc()))));
        }
        return http.build();
    }

    /** ADMIN and AUDITOR can do everything OPERATOR can (interfaces.md, the admin console). */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_ADMIN > ROLE_OPERATOR
                ROLE_AUDITOR > ROLE_OPERATOR
                """);
    }

    /**
     * Publishes a failure event for every refused login, including ones Spring has no specific event
     * for (an ID token the gateway refuses), so {@link ConsoleLoginFailures} counts them all.
     */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
        events.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return events;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The one username and password check, for the login form and HTTP basic, throttled. A bean, so
     * Spring Security makes it the shared manager's only password check: one added to the chain
     * alone would fall back on an unthrottled check of the same users.
     */
    @Bean
    AuthenticationProvider consoleLogins(UserDetailsService consoleUsers, PasswordEncoder passwordEncoder,
            LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(consoleUsers);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledLogins(passwords, throttle);
    }

    @Bean
    UserDetailsService consoleUsers(AdminUsersProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (AdminUsersProperties.User user : properties.users()) {
            UserDetails details = User.withUsername(user.username())
                    .password(user.passwordHash())
                    .roles(user.roles().toArray(String[]::new))
                    .build();
            users.createUser(details);
        }
        AdminUsersProperties.Prometheus scraper = properties.prometheus();
        if (scraper.isConfigured()) {
            users.createUser(User.withUsername(scraper.username()).password(scraper.passwordHash()).roles(METRICS).build());
        }
        return users;
    }

    @Bean
    FilterRegistrationBean<ApiCallerFilter> apiCallerFilter(CallerCertificateVerifier verifier, Directory directory,
            Alerts alerts, MeterRegistry meters, ObjectMapper json, Clock clock) {
        FilterRegistrationBean<ApiCallerFilter> registration =
                new FilterRegistrationBean<>(new ApiCallerFilter(verifier, directory, alerts, meters, json, clock));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
