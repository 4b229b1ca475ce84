package org.mashgateway.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Binds the typed {@code mash.*} configuration records once, at start, and refuses public demo secrets outside the demo. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngressProperties.class, AdminUsersProperties.class})
class PropertiesConfiguration {

    /** Static and environment-driven: it must refuse before any other bean opens the database or a port. */
    @Bean
    static PublishedSecretsGuard publishedSecretsGuard(Environment environment) {
        return new PublishedSecretsGuard(environment);
    }
}
