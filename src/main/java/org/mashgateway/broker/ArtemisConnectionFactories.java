package org.mashgateway.broker;

import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;
import org.springframework.jms.connection.SingleConnectionFactory;

/** Finds the Artemis factory Spring Boot wraps (caching by default) inside a connection factory bean. */
final class ArtemisConnectionFactories {

    private ArtemisConnectionFactories() {
    }

    static Optional<ActiveMQConnectionFactory> behind(Object bean) {
        Object target = bean;
        if (target instanceof SingleConnectionFactory caching) {
            target = caching.getTargetConnectionFactory();
        } else if (target instanceof DelegatingConnectionFactory delegating) {
            target = delegating.getTargetConnectionFactory();
        }
        return target instanceof ActiveMQConnectionFactory factory ? Optional.of(factory) : Optional.empty();
    }
}
