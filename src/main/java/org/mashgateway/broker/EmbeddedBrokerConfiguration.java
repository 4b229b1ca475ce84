package org.mashgateway.broker;

import java.nio.file.Path;
import java.time.Duration;
import org.mashgateway.directory.Directory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the embedded broker's shape and login. Both only act on what Spring Boot creates in
 * {@code spring.artemis.mode=embedded}: with an external broker they find nothing to change.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
class EmbeddedBrokerConfiguration {

    @Bean
    EmbeddedBrokerCustomizer embeddedBrokerCustomizer(
            BrokerProperties properties, Directory directory, @Value("${mash.data-dir:./data}") Path dataDirectory,
            @Value("${mash.retention.broker-copies:P${mash.retention.message-days:90}D}") Duration keptCopiesExpire) {
        return new EmbeddedBrokerCustomizer(properties, directory, dataDirectory, keptCopiesExpire);
    }

    /**
     * Static: a post-processor must exist before the beans it processes, too early for
     * {@code @Value}, so it reads the environment. The directory is looked up when first needed.
     */
    @Bean
    static EmbeddedBrokerLogin embeddedBrokerLogin(ObjectProvider<Directory> directory, Environment environment) {
        return new EmbeddedBrokerLogin(directory, environment.getProperty("mash.demo.enabled", Boolean.class, true));
    }

    @Bean
    static EmbeddedBrokerStartCheck embeddedBrokerStartCheck() {
        return new EmbeddedBrokerStartCheck();
    }
}
