package org.mashgateway.mailin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.mashgateway.support.DemoPki;

/**
 * Implicit TLS in front of a plain mail server, presenting the demo server certificate (CN
 * localhost, SAN 127.0.0.1, issued by the demo CA): what an IMAPS server with a proper
 * certificate looks like to the gateway.
 */
final class TlsFrontEnd implements AutoCloseable {

    private final ServerSocket server;
    private final int backendPort;

    TlsFrontEnd(int backendPort) throws Exception {
        this.backendPort = backendPort;
        KeyStore identity = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DemoPki.DIR.resolve("server.p12"))) {
            identity.load(in, DemoPki.PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, DemoPki.PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tls-front-end");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                pump(client, backend);
                pump(backend, client);
            } catch (IOException e) {
                // Closed, or a client that failed its handshake: the next one is served.
                continue;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // One side closed: close both.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tls-front-end-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
