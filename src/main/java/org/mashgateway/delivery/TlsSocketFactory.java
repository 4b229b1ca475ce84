package org.mashgateway.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets for SMTP (implicit TLS and the STARTTLS upgrade) that speak only TLS 1.3 and 1.2 and
 * send without Nagle delay. Trust is the JDK's (its cacerts, or {@code javax.net.ssl.trustStore});
 * the server's name is checked against its certificate by Jakarta Mail
 * ({@code mail.smtp.ssl.checkserveridentity}).
 */
final class TlsSocketFactory extends SSLSocketFactory {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory jdk;

    TlsSocketFactory(SSLSocketFactory jdk) {
        this.jdk = jdk;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return jdk.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return jdk.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return restricted(jdk.createSocket());
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        plain.setTcpNoDelay(true);
        return restricted(jdk.createSocket(plain, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return restricted(jdk.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return restricted(jdk.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return restricted(jdk.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return restricted(jdk.createSocket(address, port, localAddress, localPort));
    }

    private static Socket restricted(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        ((SSLSocket) socket).setEnabledProtocols(PROTOCOLS);
        return socket;
    }
}
