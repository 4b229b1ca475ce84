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
 * map a partner's JMS message body. A route template counts as a route, and every route made from
 * one names itself and says in a line what it does.
 */
class RoutesConventionTest {

    private static final List<String> SCRIPT_LANGUAGES = List.of("groovy", "js", "javascript", "python", "ognl",
            "mvel", "joor", "java", "script");

    @Test
    void every_route_has_an_id_a_description_and_a_route_configuration() throws IOException {
        List<JsonNode> routes = elements("route");

        assertThat(routes).isNotEmpty();
        for (JsonNode route : routes) {
            assertThat(route.path("id").asText()).as("route id").isNotBlank();
            assertThat(route.path("description").asText()).as("description of " + route.path("id")).isNotBlank();
            assertThat(route.path("routeConfigurationId").asText()).as("routeConfigurationId of " + route.path("id"))
                    .isNotBlank();
        }
        for (JsonNode template : elements("routeTemplate")) {
            JsonNode route = template.path("route");
            assertThat(route.path("description").asText()).as("description of template " + template.path("id"))
                    .isNotBlank();
            assertThat(route.path("routeConfigurationId").asText())
                    .as("routeConfigurationId of template " + template.path("id")).isNotBlank();
        }
    }

    @Test
    void every_route_made_from_a_template_has_an_id_and_its_own_description() throws IOException {
        List<JsonNode> made = elements("templatedRoute");

        assertThat(made).as("the queue intakes are made from one template").hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode route : made) {
            assertThat(route.path("routeId").asText()).as("routeId").isNotBlank();
            assertThat(route.path("parameters").findParents("name").stream()
                    .filter(parameter -> parameter.path("name").asText().equals("description"))
                    .map(parameter -> parameter.path("value").asText()))
                    .as("description of " + route.path("routeId")).singleElement().asString().isNotBlank();
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

    /** Every route the files define: the plain ones and those inside a template. */
    private static List<JsonNode> routes() throws IOException {
        return Stream.concat(elements("route").stream(),
                elements("routeTemplate").stream().map(template -> template.path("route"))).toList();
    }

    /** The top-level elements of one kind ({@code route}, {@code routeTemplate}, ...) of every route file. */
    private static List<JsonNode> elements(String kind) throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(file -> file.toString().endsWith(".camel.yaml"))
                    .map(file -> yaml.readTree(file.toFile()))
                    .flatMap(document -> {
                Stream.Builder<JsonNode> found = Stream.builder();
                document.forEach(element -> {
                    if (element.has(kind)) {
                        found.add(element.get(kind));
                    }
                });
                return found.build();
            }).toList();
        }
    }
}
