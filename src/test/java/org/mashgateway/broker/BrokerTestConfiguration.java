package org.mashgateway.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.mashgateway.directory.Directory;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jms.autoconfigure.JmsAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Just the embedded broker: Spring Boot's Artemis and JMS auto-configuration, this package, a small directory. */
// @TestComponent keeps this out of the application's component scan in the full-gateway tests;
// plain @Configuration (not @TestConfiguration) makes it the whole context where a test names it.
@Configuration(proxyBeanMethods = false)
@TestComponent
@ImportAutoConfiguration({ArtemisAutoConfiguration.class, JmsAutoConfiguration.class})
@Import(EmbeddedBrokerConfiguration.class)
public class BrokerTestConfiguration {

    @Bean
    Directory directory() {
        return FixedDirectory.demo();
    }

    /** The properties of a persistent embedded broker in {@code dataDir} listening on {@code port}, demo users on. */
    public static Map<String, Object> properties(Path dataDir, int port) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.artemis.mode", "embedded");
        properties.put("spring.artemis.embedded.persistent", "true");
        properties.put("spring.jms.cache.consumers", "false");
        properties.put("spring.jms.template.receive-timeout", "5s");
        properties.put("logging.level.org.apache.activemq.audit", "WARN");
        properties.put("mash.data-dir", dataDir.toString());
        properties.put("mash.broker.port", String.valueOf(port));
        properties.put("mash.broker.redelivery-delay", "10ms");
        properties.put("mash.broker.max-redelivery-delay", "50ms");
        properties.put("mash.demo.enabled", "true");
        return properties;
    }

    /**
     * The same properties as command-line arguments, for {@code SpringApplicationBuilder.run}:
     * arguments outrank the application's own application.properties, default properties do not.
     */
    public static String[] arguments(Path dataDir, int port) {
        return properties(dataDir, port).entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    /** A port free right now on loopback. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
