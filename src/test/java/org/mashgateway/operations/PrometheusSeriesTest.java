package org.mashgateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.DemoPki;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * After a notification flows through (accepted over HTTPS, shared with three agencies and a school,
 * delivered by SMTP), Prometheus shows the series the Grafana dashboard reads, by document type,
 * recipient type, channel, outcome and reason code, and no label value anywhere holds a person, a
 * police id or a gateway reference. Every series the Grafana dashboard (docs/grafana) queries exists.
 */
class PrometheusSeriesTest extends SharedGatewayTest {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Path DASHBOARD = Path.of("docs", "grafana", "mash-gateway.json");
    private static final Pattern DASHBOARD_METRIC =
            Pattern.compile("\\b(mash|http_server|jvm|process|system)_[a-z_]+(?=\\{)");

    @LocalServerPort
    int port;

    @Test
    void a_notification_leaves_the_dashboard_series_and_no_personal_label_value() {
        Notifications notification = Notifications.notification().noChildren()
                .victim("Philippa", "Marchbanks", "1987-10-23")
                .victimPhone("07700 900777")
                .address("41 Quillfeather Row")
                .perpetrator("Barnaby", "Oakhurst")
                .child("Cosmo", "Marchbanks", "2016-03-14", "100001");
        Answer accepted = GatewayClient.as("police-DERBYS", port).postXml("/api/v1/notifications", notification.xml());
        assertThat(accepted.status()).isEqualTo(202);
        Answer refused = new GatewayClient(DemoPki.clientWithoutCertificate(), port)
                .postXml("/api/v1/notifications", notification.xml());
        assertThat(refused.status()).isEqualTo(401);
        ConsoleSession operator = ConsoleSession.loggedIn(port, "operator", "demo");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(operator.getText("/actuator/prometheus"))
                        .containsPattern(series("mash_delivery_duration_seconds_count", "recipient_type=\"SCHOOL\"", "outcome=\"SENT\""))
                        .containsPattern(series("mash_delivery_duration_seconds_count", "recipient_type=\"AGENCY\"", "outcome=\"SENT\"")));
        String scrape = operator.getText("/actuator/prometheus");

        assertThat(scrape)
                .containsPattern(series("mash_intake_total", "outcome=\"ACCEPTED\"", "type=\"DA_NOTIFICATION\""))
                .containsPattern(series("mash_intake_duration_seconds_bucket", "channel=\"HTTPS\"",
                        "ingress=\"NOTIFICATION_INTAKE\"", "outcome=\"ACCEPTED\""))
                .containsPattern(series("mash_delivery_total", "channel=\"EMAIL\"", "outcome=\"SENT\""))
                .containsPattern(series("mash_delivery_duration_seconds_bucket", "document_type=\"SchoolNotification\""))
                .containsPattern(series("mash_delivery_duration_seconds_count", "document_type=\"AgencyNotification\""))
                .contains("mash_console_login_failures_total")
                .containsPattern(series("mash_poller_failures_total", "poller=\"delivery\""))
                .containsPattern(series("mash_poller_failures_total", "poller=\"escalation\""))
                .containsPattern(series("mash_poller_failures_total", "poller=\"directory-certificate-expiry\""))
                .containsPattern(series("mash_poller_runs_total", "poller=\"escalation\""))
                // The IG report's counts of decisions (issue 16), by code only.
                .containsPattern(series("mash_decisions_total", "decision=\"ACCEPTED\"", "sender=\"DERBYS\"",
                        "document_type=\"DomesticAbuseNotification\""))
                .containsPattern(series("mash_decisions_total", "decision=\"SHARED\"",
                        "document_type=\"SchoolNotification\""))
                .containsPattern(series("http_server_requests_seconds_bucket", "uri=\"/api/v1/notifications\""));
        assertThat(dashboardMetrics()).isNotEmpty().allSatisfy(metric -> assertThat(scrape).as("dashboard series")
                .containsPattern("(?m)^" + Pattern.quote(metric) + "[{ ]"));
        Set<String> labelValues = labelValues(scrape);
        List<String> personal = List.of("Philippa", "Marchbanks", "1987-10-23", "07700", "900777", "Quillfeather",
                "Barnaby", "Oakhurst", "Cosmo", "2016-03-14", "DC-20261120", notification.id(), "MGW-",
                accepted.json().get("reference").asText());
        for (String value : personal) {
            assertThat(labelValues).as("label values").noneMatch(label -> label.contains(value));
        }
    }

    /** A Prometheus line of this metric whose labels include each of these, in any order. */
    private static String series(String metric, String... labels) {
        StringBuilder pattern = new StringBuilder("(?m)^").append(Pattern.quote(metric)).append("\\{");
        for (String label : labels) {
            pattern.append("(?=[^}]*").append(Pattern.quote(label)).append(')');
        }
        return pattern.append("[^}]*\\} ").toString();
    }

    /** Every metric the Grafana dashboard queries. */
    private static Set<String> dashboardMetrics() {
        Set<String> metrics = new TreeSet<>();
        try {
            Matcher metric = DASHBOARD_METRIC.matcher(Files.readString(DASHBOARD));
            while (metric.find()) {
                metrics.add(metric.group());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return metrics;
    }

    private static Set<String> labelValues(String scrape) {
        Set<String> values = new TreeSet<>();
        scrape.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            Matcher label = LABEL.matcher(line);
            while (label.find()) {
                values.add(label.group(2));
            }
        });
        return values;
    }
}
