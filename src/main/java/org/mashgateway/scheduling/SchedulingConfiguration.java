package org.mashgateway.scheduling;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Gives the routes the {@code millis} placeholder function before they are read, and names this node. */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Bean
    NodeName nodeName(@Value("${mash.delivery.node-id:}") String configured, @Value("${mash.data-dir:./data}") Path dataDirectory) {
        return NodeName.of(configured, dataDirectory);
    }

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
