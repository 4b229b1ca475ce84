package org.mashgateway.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that answers every recipient with 550, as a server refusing an unknown mailbox
 * does; or, given a script, answers the next recipients with the script's replies in turn (a 451,
 * then a 250 that takes the mail) and 550 once the script has run out.
 */
final class RejectingSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Deque<String> script = new ConcurrentLinkedDeque<>();

    RejectingSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "rejecting-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int rejected() {
        return rejected.get();
    }

    /** Mails taken (a 250 to RCPT, then the data). */
    int accepted() {
        return accepted.get();
    }

    /** The replies to the next recipients, in turn; then 550 again. */
    void script(String... rcptReplies) {
        script.addAll(List.of(rcptReplies));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread session = new Thread(() -> converse(client), "rejecting-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 stub ESMTP");
            for (String line; (line = in.readLine()) != null;) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 stub");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "RCPT" -> {
                        String scripted = script.poll();
                        String answer = scripted == null ? "550 5.1.1 mailbox unavailable" : scripted;
                        if (!answer.startsWith("2")) {
                            rejected.incrementAndGet();
                        }
                        reply(out, answer);
                    }
                    case "DATA" -> {
                        reply(out, "354 end with .");
                        for (String data; (data = in.readLine()) != null && !data.equals(".");) {
                            // the protected mail; nothing to keep
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
