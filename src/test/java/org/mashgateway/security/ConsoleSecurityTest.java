package org.mashgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's own defences, over real TLS as a browser meets them: the login page, the session
 * cookie, the security headers, CSRF on state changes, and failed logins counted and alerted
 * without the typed username reaching the log.
 */
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSecurityTest extends GatewayTest {

    private static final int THRESHOLD = 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.admin.login-failures.threshold", () -> THRESHOLD);
        registry.add("mash.admin.login-failures.window", () -> "PT10M");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ServerProperties server;

    @Test
    void a_person_without_a_session_is_sent_to_the_login_page() {
        HttpResponse<String> admin = ConsoleSession.anonymous(port).get("/admin/audit");

        assertThat(admin.statusCode()).isEqualTo(302);
        assertThat(admin.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        HttpResponse<String> login = ConsoleSession.anonymous(port).get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"").contains("name=\"password\"").contains("name=\"_csrf\"")
                .doesNotContain("/oauth2/authorization/");
    }

    @Test
    void without_an_identity_provider_there_is_no_oidc_login() {
        HttpResponse<String> start = ConsoleSession.anonymous(port).get("/oauth2/authorization/county");

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }

    @Test
    void pages_carry_the_security_headers() {
        HttpResponse<String> page = ConsoleSession.loggedIn(port, "auditor", "demo").get("/admin/audit");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("form-action 'self'"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void the_session_cookie_is_secure_http_only_and_same_site_strict_and_lasts_fifteen_minutes() {
        HttpResponse<String> login = ConsoleSession.anonymous(port).logIn("operator", "demo");

        assertThat(login.statusCode()).isEqualTo(302);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("; Secure").contains("; HttpOnly").contains("; SameSite=Strict"));
        assertThat(server.getServlet().getSession().getTimeout()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void a_state_change_without_the_csrf_token_is_refused() {
        ConsoleSession auditor = ConsoleSession.loggedIn(port, "auditor", "demo");
        auditor.get("/admin/audit");

        assertThat(auditor.postWithoutToken("/admin/audit/verify", Map.of()).statusCode()).isEqualTo(403);
        assertThat(auditor.postWithoutToken("/admin/audit/verify", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(auditor.post("/admin/audit/verify", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void repeated_login_failures_are_counted_and_alerted_without_logging_the_username(CapturedOutput output) {
        String typedUsername = "zx-mallory-guess-4471";
        String typedPassword = "hunter2-wrong-9173";
        double countedBefore = failuresCounted();

        for (int i = 0; i < THRESHOLD; i++) {
            HttpResponse<String> failed = ConsoleSession.anonymous(port).logIn(typedUsername, typedPassword);
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        }
        HttpResponse<String> errorPage = ConsoleSession.anonymous(port).get("/login?error");

        assertThat(failuresCounted() - countedBefore).isEqualTo(THRESHOLD);
        assertThat(jdbc.queryForList("SELECT kind FROM alert WHERE reason_code = ?", String.class,
                ConsoleLoginFailures.REASON)).containsExactly("SECURITY");
        assertThat(errorPage.body()).contains("Login failed").doesNotContain(typedUsername);
        assertThat(output.getAll()).contains(ConsoleLoginFailures.REASON)
                .doesNotContain(typedUsername).doesNotContain(typedPassword);
    }

    @Test
    void a_wrong_password_for_a_real_user_counts_as_a_failure_too() {
        double countedBefore = failuresCounted();

        HttpResponse<String> failed = ConsoleSession.anonymous(port).logIn("auditor", "not-the-password");

        assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        assertThat(failuresCounted() - countedBefore).isEqualTo(1);
    }

    /** mash_console_login_failures_total as Prometheus shows it to an operator. */
    private double failuresCounted() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, "operator", "demo");
        String metrics = operator.getText("/actuator/prometheus");
        return metrics.lines()
                .filter(line -> line.startsWith("mash_console_login_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("mash_console_login_failures_total is not exposed"));
    }
}
