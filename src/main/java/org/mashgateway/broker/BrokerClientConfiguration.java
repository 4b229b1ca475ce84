package org.mashgateway.broker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shapes the gateway's own broker connections, embedded or external. */
@Configuration(proxyBeanMethods = false)
class BrokerClientConfiguration {

    /** Static: a post-processor must exist before the connection factory it processes. */
    @Bean
    static ObjectMessageDenial objectMessageDenial() {
        return new ObjectMessageDenial();
    }
}
