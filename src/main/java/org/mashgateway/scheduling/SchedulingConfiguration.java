package org.mashgateway.scheduling;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Gives the routes the {@code millis} placeholder function before they are read. */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Bean
    CamelContextConfiguration durationPlaceholders(Environment environment) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getPropertiesComponent().addPropertiesFunction(new DurationMillis(environment));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once the routes run
            }
        };
    }
}
