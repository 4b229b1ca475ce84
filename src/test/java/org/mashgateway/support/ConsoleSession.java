package org.mashgateway.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at the console, as a browser would be over real TLS without a client certificate: asks
 * for HTML (which is how the gateway tells a browser from a scraper using HTTP basic), keeps the
 * session cookie, follows no redirects by itself, and sends the CSRF token of the last page it read
 * with every form it posts.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private final String clientAddress;
    private String csrf;

    private ConsoleSession(int port, String clientAddress) {
        this.clientAddress = clientAddress;
        this.http = HttpClient.newBuilder()
                .sslContext(DemoPki.clientWithoutCertificate())
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.base = "https://127.0.0.1:" + port;
    }

    /** A browser that has not logged in. */
    public static ConsoleSession anonymous(int port) {
        return new ConsoleSession(port, null);
    }

    /**
     * A browser that has not logged in, at this client address as a reverse proxy reports it
     * ({@code X-Forwarded-For}; the gateway believes it only with {@code server.forward-headers-strategy}).
     */
    public static ConsoleSession anonymousFrom(int port, String clientAddress) {
        return new ConsoleSession(port, clientAddress);
    }

    /** A browser that has logged in through the login form; fails if the login did not succeed. */
    public static ConsoleSession loggedIn(int port, String username, String password) {
        ConsoleSession session = new ConsoleSession(port, null);
        HttpResponse<String> answer = session.logIn(username, password);
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("login failed: " + answer.statusCode() + " " + location);
        }
        return session;
    }

    /** Fills in and posts the login form; answers what the gateway said to the POST. */
    public HttpResponse<String> logIn(String username, String password) {
        get("/login");
        return post("/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return remember(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,application/xhtml+xml").GET()));
    }

    /** What a scraper reads in this session, e.g. {@code /actuator/prometheus}. */
    public String getText(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/plain").GET()).body();
    }

    /** What a scraper gets with HTTP basic, e.g. for {@code /actuator/prometheus}. */
    public HttpResponse<String> getWithBasic(String path, String username, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/plain")
                .header("Authorization", "Basic " + credentials).GET());
    }

    /** Posts a form with the CSRF token of the last page read. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.put("_csrf", csrf);
        }
        return postWithoutToken(path, fields);
    }

    /** Posts a form exactly as given, without adding a CSRF token. */
    public HttpResponse<String> postWithoutToken(String path, Map<String, String> form) {
        return remember(send(formPost(path, form), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /** Gets a download: its bytes, or an {@link IllegalStateException} when the answer is not 200. */
    public byte[] download(String path) {
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(URI.create(base + path)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    /** Posts a form with the CSRF token of the last page read and keeps the answer as bytes (a download). */
    public HttpResponse<byte[]> postForDownload(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.put("_csrf", csrf);
        }
        return send(formPost(path, fields), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder formPost(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        if (clientAddress != null) {
            request.header("X-Forwarded-For", clientAddress);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
