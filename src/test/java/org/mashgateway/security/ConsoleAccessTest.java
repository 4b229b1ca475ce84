package org.mashgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.DemoPki;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** People reach the console without a client certificate, and only with a login whose role allows the page. */
class ConsoleAccessTest extends SharedGatewayTest {

    @LocalServerPort
    int port;

    @Test
    void the_auditor_verifies_the_audit_trail_without_a_client_certificate() throws Exception {
        HttpResponse<String> response = get("/admin/api/audit/verify", "auditor", "demo");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ok\":true");
    }

    @Test
    void an_operator_may_not_see_the_audit_trail() throws Exception {
        assertThat(get("/admin/api/audit/verify", "operator", "demo").statusCode()).isEqualTo(403);
    }

    @Test
    void nobody_reaches_the_console_without_logging_in_or_with_a_wrong_password() throws Exception {
        assertThat(get("/admin/api/audit/verify", null, null).statusCode()).isIn(302, 401);
        assertThat(get("/admin/api/audit/verify", "auditor", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void prometheus_metrics_need_an_operator_and_carry_no_personal_data() throws Exception {
        assertThat(get("/actuator/prometheus", null, null).statusCode()).isIn(302, 401);
        HttpResponse<String> metrics = get("/actuator/prometheus", "operator", "demo");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).doesNotContain("Sample").doesNotContain("MGW-");
    }

    @Test
    void the_scraper_credential_reads_prometheus_and_nothing_else() throws Exception {
        assertThat(get("/actuator/prometheus", "prometheus", "demo").statusCode()).isEqualTo(200);
        for (String refused : List.of("/actuator/metrics", "/actuator/info", "/admin", "/admin/deliveries",
                "/admin/audit", "/admin/api/audit/verify")) {
            assertThat(get(refused, "prometheus", "demo").statusCode()).as(refused).isEqualTo(403);
        }
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(DemoPki.clientWithoutCertificate())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).GET();
        if (user != null) {
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
