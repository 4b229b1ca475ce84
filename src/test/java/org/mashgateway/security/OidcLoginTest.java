package org.mashgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an identity provider registered, the console offers OpenID Connect login next to the form:
 * the login page links to it and the gateway sends the browser to the provider with an
 * authorization-code request. No provider is contacted: the test stops at the redirect.
 */
class OidcLoginTest extends GatewayTest {

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
        registry.add(provider + "authorization-uri", () -> "https://idp.county.example/authorize");
        registry.add(provider + "token-uri", () -> "https://idp.county.example/token");
        registry.add(provider + "jwk-set-uri", () -> "https://idp.county.example/jwks");
        registry.add(provider + "user-name-attribute", () -> "sub");
        registry.add("mash.admin.oidc.roles-claim", () -> "groups");
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
        assertThat(location).startsWith("https://idp.county.example/authorize?")
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
}
