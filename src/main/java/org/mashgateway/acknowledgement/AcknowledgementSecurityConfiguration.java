package org.mashgateway.acknowledgement;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The acknowledgement pages are for people without a login or a client certificate (the connector
 * asks for one, nobody needs one here): the link's token is the only credential. CSRF stays on (the
 * session exists only to hold its token); the pages may not be framed, cached or leak the link in a
 * Referer header.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AcknowledgementProperties.class)
class AcknowledgementSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain acknowledgementPageSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/ack/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds())))
                .build();
    }
}
