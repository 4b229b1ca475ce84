package org.mashgateway.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server with TLS, presenting the demo server certificate (CN localhost, SAN
 * 127.0.0.1): implicit TLS, STARTTLS, or a plain server that never offers STARTTLS. It counts the
 * mails it accepted and how many of them came over TLS, keeps the MAIL FROM lines, and can offer
 * REQUIRETLS (RFC 8689) once a connection is secure.
 */
final class TlsSmtpServer implements AutoCloseable {

    enum Mode { SMTPS, STARTTLS, NO_STARTTLS }

    private final Mode mode;
    private final SSLContext tls;
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger acceptedOverTls = new AtomicInteger();
    private final List<String> mailFromLines = new CopyOnWriteArrayList<>();
    private volatile boolean offersRequireTls;

    TlsSmtpServer(Mode mode, InetAddress bindAddress) throws Exception {
        this.mode = mode;
        this.tls = serverContext();
        this.server = mode == Mode.SMTPS
                ? tls.getServerSocketFactory().createServerSocket(0, 50, bindAddress)
                : new ServerSocket(0, 50, bindAddress);
        Thread acceptor = new Thread(this::accept, "tls-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int acceptedOverTls() {
        return acceptedOverTls.get();
    }

    /** From now on, a secure connection's EHLO answer lists REQUIRETLS. */
    TlsSmtpServer offeringRequireTls() {
        offersRequireTls = true;
        return this;
    }

    /** Each MAIL FROM command as the client sent it (envelope sender and parameters). */
    List<String> mailFromLines() {
        return List.copyOf(mailFromLines);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread session = new Thread(() -> converse(client), "tls-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket accepted) {
        Socket socket = accepted;
        try {
            boolean secure = socket instanceof SSLSocket;
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            reply(out, "220 stub ESMTP");
            for (String line; (line = in.readLine()) != null;) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, mode == Mode.STARTTLS && !secure ? "250-stub\r\n250 STARTTLS"
                            : secure && offersRequireTls ? "250-stub\r\n250 REQUIRETLS" : "250 stub");
                    case "MAIL" -> {
                        mailFromLines.add(line);
                        reply(out, "250 OK");
                    }
                    case "HELO", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "STAR" -> {
                        reply(out, "220 go ahead");
                        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                        upgraded.setUseClientMode(false);
                        upgraded.startHandshake();
                        socket = upgraded;
                        secure = true;
                        in = reader(socket);
                        out = socket.getOutputStream();
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        for (String data; (data = in.readLine()) != null && !data.equals(".");) {
                            // the mail itself is not kept
                        }
                        this.accepted.incrementAndGet();
                        if (secure) {
                            acceptedOverTls.incrementAndGet();
                        }
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away, or refused the server's certificate
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("certs-example", "server.p12"))) {
            identity.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
