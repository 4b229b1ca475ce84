package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashgateway.support.DemoPki;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile and malformed documents over HTTPS: each refused with the right status and reason, nothing
 * from outside the document ever read, and the gateway still healthy and accepting afterwards.
 */
class HostileInputTest extends SharedGatewayTest {

    private static final String PATH = "/api/v1/notifications";
    private static final String SECRET_FILE_CONTENT = "canary-0f3a9c-not-for-anyone";

    @LocalServerPort
    int port;

    static Stream<Arguments> hostileDocuments() throws Exception {
        Path secret = Files.createTempFile("mash-xxe", ".txt");
        Files.writeString(secret, SECRET_FILE_CONTENT);
        String valid = Notifications.notification().xml();
        String body = valid.substring(valid.indexOf("<DomesticAbuseNotification"));
        return Stream.of(
                Arguments.of("XXE reading a local file", 400, "DTD_FORBIDDEN", """
                        <?xml version="1.0"?>
                        <!DOCTYPE d [<!ENTITY x SYSTEM "%s">]>
                        """.formatted(secret.toUri()) + body.replace("Verbal argument", "&x; Verbal argument")),
                Arguments.of("XXE over the network", 400, "DTD_FORBIDDEN", """
                        <?xml version="1.0"?>
                        <!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/steal">]>
                        """ + body.replace("Verbal argument", "&x; Verbal argument")),
                Arguments.of("entity expansion (billion laughs)", 400, "DTD_FORBIDDEN", """
                        <?xml version="1.0"?>
                        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                        <lolz>&lol3;</lolz>"""),
                Arguments.of("external DTD", 400, "DTD_FORBIDDEN", """
                        <?xml version="1.0"?>
                        <!DOCTYPE DomesticAbuseNotification SYSTEM "http://127.0.0.1:9/evil.dtd">
                        """ + body),
                Arguments.of("10,000-deep nesting", 400, "TOO_DEEP",
                        "<DomesticAbuseNotification xmlns=\"urn:mash-gateway:da-notification:1\" version=\"1.0\">"
                                + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</DomesticAbuseNotification>"),
                Arguments.of("CRLF in a name", 400, "SCHEMA_INVALID",
                        Notifications.notification().victim("Jane\r\nBcc: x@evil.example", "Sample", "1991-05-02").xml()),
                Arguments.of("control character in a name", 400, "NOT_WELL_FORMED",
                        Notifications.notification().victim("Ja\u0001ne", "Sample", "1991-05-02").xml()),
                Arguments.of("wrong namespace", 400, "UNKNOWN_DOCUMENT",
                        valid.replace("urn:mash-gateway:da-notification:1", "urn:example:other:1")),
                Arguments.of("SECRET marking", 400, "CLASSIFICATION_NOT_PERMITTED",
                        Notifications.notification().classification("SECRET").xml()),
                Arguments.of("TOP SECRET marking", 400, "CLASSIFICATION_NOT_PERMITTED",
                        Notifications.notification().classification("TOP SECRET").xml()),
                Arguments.of("local time without a zone", 400, "SCHEMA_INVALID",
                        Notifications.notification().createdAt("2026-11-20T23:05:00").xml()),
                Arguments.of("not XML at all", 400, "NOT_WELL_FORMED", "{\"not\":\"xml\"}"),
                Arguments.of("empty body", 400, "NOT_WELL_FORMED", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void hostile_document_is_refused_with_its_reason(String name, int status, String reasonCode, String xml) {
        Answer answer = GatewayClient.as("police-DERBYS", port).postXml(PATH, xml);

        assertThat(answer.status()).as(name).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.reasonCode()).as(name).isEqualTo(reasonCode);
        assertThat(answer.body()).doesNotContain(SECRET_FILE_CONTENT).doesNotContain("Bcc").doesNotContain("Jane");
    }

    /**
     * A raw client streams 50 MB while the status line is read: the gateway must answer 413 from
     * the Content-Length alone, without reading (or holding) the body.
     */
    @Test
    void a_50_megabyte_body_is_refused_as_too_large_while_it_is_still_being_sent() throws Exception {
        long fiftyMegabytes = 50L * 1024 * 1024;
        try (SSLSocket socket = (SSLSocket) DemoPki.clientPresenting("police-DERBYS").getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: " + fiftyMegabytes + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread sender = new Thread(() -> streamBody(out, fiftyMegabytes));
            sender.setDaemon(true);
            sender.start();

            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    private static void streamBody(OutputStream out, long length) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        try {
            for (long sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException closedByTheGateway) {
            // Expected: the gateway closes the connection once it has answered.
        }
    }

    @AfterEach
    void gatewayStillHealthyAndAccepting() {
        GatewayClient client = GatewayClient.as("police-DERBYS", port);
        assertThat(client.get("/actuator/health").body()).contains("UP");
        assertThat(client.postXml(PATH, Notifications.notification().xml()).status()).isEqualTo(202);
    }
}
