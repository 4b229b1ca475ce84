package org.mashgateway.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The routes an admin reads (routes/*.camel.yaml) stay readable and safe: every route has an id, a
 * description and a shared route configuration, none carries an inline script, and none lets Camel
 * map a partner's JMS message body.
 */
class RoutesConventionTest {

    private static final List<String> SCRIPT_LANGUAGES = List.of("groovy", "js", "javascript", "python", "ognl",
            "mvel", "joor", "java", "script");

    @Test
    void every_route_has_an_id_a_description_and_a_route_configuration() throws IOException {
        List<JsonNode> routes = routes();

        assertThat(routes).isNotEmpty();
        for (JsonNode route : routes) {
            assertThat(route.path("id").asText()).as("route id").isNotBlank();
            assertThat(route.path("description").asText()).as("description of " + route.path("id")).isNotBlank();
            assertThat(route.path("routeConfigurationId").asText()).as("routeConfigurationId of " + route.path("id"))
                    .isNotBlank();
        }
    }

    @Test
    void no_route_embeds_a_script() throws IOException {
        for (JsonNode route : routes()) {
            for (String language : SCRIPT_LANGUAGES) {
                assertThat(route.findValues(language)).as(language + " in " + route.path("id")).isEmpty();
            }
        }
    }

    /** Camel 4.18.0 maps an ObjectMessage by deserializing it (CVE-2026-40860): the intake reads the message itself. */
    @Test
    void no_route_consuming_a_queue_maps_the_jms_message() throws IOException {
        List<JsonNode> consumers = routes().stream()
                .filter(route -> route.path("from").path("uri").asText().startsWith("jms:"))
                .toList();

        assertThat(consumers).isNotEmpty();
        for (JsonNode route : consumers) {
            assertThat(route.path("from").path("parameters").path("mapJmsMessage").asText())
                    .as("mapJmsMessage of " + route.path("id")).isEqualTo("false");
        }
    }

    private static List<JsonNode> routes() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(file -> file.toString().endsWith(".camel.yaml"))
                    .map(file -> yaml.readTree(file.toFile()))
                    .flatMap(document -> {
                Stream.Builder<JsonNode> found = Stream.builder();
                document.forEach(element -> {
                    if (element.has("route")) {
                        found.add(element.get("route"));
                    }
                });
                return found.build();
            }).toList();
        }
    }
}
