package org.mashgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.GatewayTest;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an identity provider registered, the console offers OpenID Connect login next to the form,
 * and the roles come from the configured claim. The provider's browser side is never contacted
 * (the test follows the redirects itself); its token and key endpoints are a small server in the
 * test that signs real ID tokens with a key generated here.
 */
@AutoConfigureMetrics
class OidcLoginTest extends GatewayTest {

    private static final String ISSUER = "https://idp.county.example";
    private static final KeyPair SIGNING = rsaKeyPair();
    private static final FakeIdentityProvider PROVIDER = new FakeIdentityProvider();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        String registration = "spring.security.oauth2.client.registration.county.";
        registry.add(registration + "client-id", () -> "mash-console");
        registry.add(registration + "client-secret", () -> "test-only-secret");
        registry.add(registration + "client-name", () -> "Example County sign-in");
        registry.add(registration + "scope", () -> "openid,profile");
        registry.add(registration + "authorization-grant-type", () -> "authorization_code");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        String provider = "spring.security.oauth2.client.provider.county.";
        registry.add(provider + "authorization-uri", () -> ISSUER + "/authorize");
        registry.add(provider + "token-uri", () -> PROVIDER.base() + "/token");
        registry.add(provider + "jwk-set-uri", () -> PROVIDER.base() + "/jwks");
        registry.add(provider + "user-name-attribute", () -> "sub");
        registry.add("mash.admin.oidc.roles-claim", () -> "groups");
        registry.add("mash.admin.oidc.role-mapping[information-governance]", () -> "AUDITOR");
        registry.add("mash.admin.oidc.role-mapping[duty-operators]", () -> "OPERATOR");
    }

    @AfterAll
    static void providerDown() {
        PROVIDER.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void the_login_page_offers_the_identity_provider() {
        String page = ConsoleSession.anonymous(port).get("/login").body();

        assertThat(page).contains("href=\"/oauth2/authorization/county\"").contains("Example County sign-in")
                .contains("name=\"password\"");
    }

    @Test
    void starting_an_oidc_login_sends_the_browser_to_the_provider_with_an_authorization_code_request() {
        HttpResponse<String> start = ConsoleSession.anonymous(port).get("/oauth2/authorization/county");

        assertThat(start.statusCode()).isEqualTo(302);
        String location = URLDecoder.decode(start.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(location).startsWith(ISSUER + "/authorize?")
                .contains("response_type=code").contains("client_id=mash-console").contains("scope=openid profile")
                .contains("redirect_uri=https://127.0.0.1:" + port + "/login/oauth2/code/county")
                .contains("state=").contains("nonce=");
    }

    @Test
    void a_callback_that_the_gateway_did_not_start_is_refused_back_to_the_login_page() {
        HttpResponse<String> callback = ConsoleSession.anonymous(port).get("/login/oauth2/code/county?code=forged&state=forged");

        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
    }

    @Test
    void a_mapped_group_in_the_claim_makes_an_auditor() {
        ConsoleSession person = loggedInThroughTheProvider("ig-officer-1", List.of("staff", "information-governance"));

        assertThat(person.get("/admin/audit").statusCode()).isEqualTo(200);
    }

    @Test
    void a_mapped_operator_group_is_that_role_and_nothing_more() {
        ConsoleSession person = loggedInThroughTheProvider("duty-operator-2", List.of("duty-operators"));

        assertThat(person.getText("/actuator/prometheus")).contains("mash_console_login_failures_total");
        assertThat(person.get("/admin/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void a_person_whose_claim_has_no_mapped_value_reaches_no_page_even_if_it_reads_admin() {
        ConsoleSession person = loggedInThroughTheProvider("someone-3", List.of("staff", "admin", "ADMIN"));

        assertThat(person.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(person.get("/actuator/prometheus").statusCode()).isEqualTo(403);
    }

    @Test
    void an_id_token_the_gateway_refuses_is_a_failed_login_and_counted() {
        double before = failuresCounted();
        ConsoleSession browser = ConsoleSession.anonymous(port);
        URI toProvider = URI.create(browser.get("/oauth2/authorization/county").headers().firstValue("Location").orElseThrow());
        PROVIDER.nextIdToken(idToken("replayed-4", List.of("information-governance"), "a-nonce-from-another-login"));

        HttpResponse<String> back = browser.get("/login/oauth2/code/county?code=one-time-code&state="
                + URLEncoder.encode(query(toProvider).get("state"), StandardCharsets.UTF_8));

        assertThat(back.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        assertThat(browser.get("/admin/audit").statusCode()).isEqualTo(302);
        assertThat(failuresCounted() - before).isEqualTo(1);
    }

    private double failuresCounted() {
        return ConsoleSession.loggedIn(port, "operator", "demo").getText("/actuator/prometheus").lines()
                .filter(line -> line.startsWith("mash_console_login_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    /** The browser's round trip: to the provider (which "authenticates" at once), back with a code, the code exchanged. */
    private ConsoleSession loggedInThroughTheProvider(String subject, List<String> groups) {
        ConsoleSession browser = ConsoleSession.anonymous(port);
        URI toProvider = URI.create(browser.get("/oauth2/authorization/county").headers().firstValue("Location").orElseThrow());
        Map<String, String> request = query(toProvider);
        PROVIDER.nextIdToken(idToken(subject, groups, request.get("nonce")));

        HttpResponse<String> back = browser.get("/login/oauth2/code/county?code=one-time-code&state="
                + URLEncoder.encode(request.get("state"), StandardCharsets.UTF_8));

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin"));
        return browser;
    }

    private static String idToken(String subject, List<String> groups, String nonce) {
        // The gateway checks iat and exp against the real time, so the token is made in real time.
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience("mash-console")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("groups", groups)
                .build();
        try {
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("county-1").build(), claims);
            token.sign(new RSASSASigner((RSAPrivateKey) SIGNING.getPrivate()));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's back channel: the token endpoint hands out the next ID token; the key endpoint publishes the key. */
    private static final class FakeIdentityProvider {

        private final HttpServer server;
        private volatile String nextIdToken;

        FakeIdentityProvider() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String keys = new JWKSet(new RSAKey.Builder((RSAPublicKey) SIGNING.getPublic()).keyID("county-1").build())
                    .toString();
            server.createContext("/jwks", exchange -> answer(exchange, keys));
            server.createContext("/token", exchange -> answer(exchange, """
                    {"access_token":"access-1","token_type":"Bearer","expires_in":300,"scope":"openid profile","id_token":"%s"}
                    """.formatted(nextIdToken)));
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void nextIdToken(String token) {
            nextIdToken = token;
        }

        void stop() {
            server.stop(0);
        }

        private static void answer(HttpExchange exchange, String json) throws IOException {
            exchange.getRequestBody().readAllBytes();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }
}
