package org.mashgateway.config;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel {@code jms:} component on the gateway's own broker connection (embedded Artemis by
 * default, the external broker or cluster in production: Spring Boot's spring.artemis.* decide).
 */
@Configuration(proxyBeanMethods = false)
class CamelJmsConfiguration {

    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        return JmsComponent.jmsComponent(connectionFactory);
    }
}
