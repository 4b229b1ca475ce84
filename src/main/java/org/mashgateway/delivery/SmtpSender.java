package org.mashgateway.delivery;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place mail leaves the gateway: a small pool of SMTP connections, opened when first
 * needed, reused for every following message and reopened after a failure. Opening a connection
 * per message (EHLO, STARTTLS, login) costs more than the message (PITFALLS.md).
 *
 * <p>Faults are sorted for the retry policy: 4xx replies, refused or broken connections and
 * timeouts are transient; 5xx replies are permanent.
 */
final class SmtpSender implements AutoCloseable {

    /** The reason a signed-only mail is not handed to a relay that cannot assure TLS beyond itself. */
    static final String ONWARD_TLS_NOT_ASSURED = "ONWARD_TLS_NOT_ASSURED";

    private static final Logger log = LoggerFactory.getLogger(SmtpSender.class);
    /** RFC 8689: the relay must send the mail on only over verified TLS, or return it. */
    private static final String REQUIRETLS = "REQUIRETLS";

    private final SmtpProperties properties;
    private final Session session;
    private final BlockingQueue<Connection> idle;

    SmtpSender(SmtpProperties properties, boolean demo) {
        if (properties.security() == SmtpSecurity.PLAIN && !demo) {
            throw new IllegalStateException("mash.mail.smtp.security=plain is allowed only in the demo "
                    + "(mash.demo.enabled=true); use starttls or smtps");
        }
        this.properties = properties;
        this.session = Session.getInstance(sessionProperties(properties));
        this.idle = new ArrayBlockingQueue<>(properties.connections());
        for (int i = 0; i < properties.connections(); i++) {
            idle.add(new Connection());
        }
    }

    /** The Jakarta Mail session mail is built with. */
    Session session() {
        return session;
    }

    /** Whether mail can travel over verified TLS at all (a signed-only message may go only that way). */
    boolean verifiesTls() {
        return properties.security() != SmtpSecurity.PLAIN;
    }

    /** Whether the operator has confirmed that the relay requires TLS onward. */
    OnwardTls onwardTls() {
        return properties.onwardTls();
    }

    /**
     * Sends one message to these recipients on a pooled connection.
     *
     * @throws DeliveryFailure with a reason code, transient or permanent
     */
    void send(MimeMessage message, Address[] recipients) {
        send(message, recipients, false);
    }

    /**
     * Sends one message to these recipients on a pooled connection.
     *
     * @param signedOnly the message is signed but not encrypted: it is handed to the relay only when
     *     TLS is assured beyond it, by REQUIRETLS (RFC 8689) when the relay offers it (the message
     *     must then be an {@link SMTPMessage}) or else by the operator's confirmation
     * @throws DeliveryFailure with a reason code, transient or permanent; ONWARD_TLS_NOT_ASSURED
     *     (permanent) when neither holds
     */
    void send(MimeMessage message, Address[] recipients, boolean signedOnly) {
        Connection connection;
        try {
            connection = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("INTERRUPTED", "sending was interrupted", e);
        }
        try {
            connection.send(message, recipients, signedOnly);
        } finally {
            idle.add(connection);
        }
    }

    /**
     * Opens every pooled connection that is not open yet (EHLO, STARTTLS, login), so that the first
     * mails after a start do not pay for it: the warm-up's exercise of this path.
     *
     * @throws DeliveryFailure when the relay cannot be reached or refuses the login
     */
    void openConnections() {
        // One at a time, so that a sender never waits for more than one connection being opened.
        for (int i = 0; i < properties.connections(); i++) {
            Connection connection = idle.poll();
            if (connection == null) {
                return;
            }
            try {
                connection.open();
            } finally {
                idle.add(connection);
            }
        }
    }

    @Override
    public void close() {
        idle.forEach(Connection::close);
    }

    private static Properties sessionProperties(SmtpProperties smtp) {
        String protocol = smtp.security() == SmtpSecurity.SMTPS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol);
        props.setProperty(prefix + "host", smtp.host());
        props.setProperty(prefix + "port", String.valueOf(smtp.port()));
        props.setProperty(prefix + "connectiontimeout", String.valueOf(smtp.connectTimeout().toMillis()));
        props.setProperty(prefix + "timeout", String.valueOf(smtp.timeout().toMillis()));
        props.setProperty(prefix + "writetimeout", String.valueOf(smtp.timeout().toMillis()));
        props.setProperty(prefix + "auth", String.valueOf(smtp.hasLogin()));
        // Socket factories are given as objects: Angus Mail reads mail.<protocol>.socketFactory as one.
        props.put(prefix + "socketFactory", new NoDelaySocketFactory());
        props.setProperty(prefix + "socketFactory.fallback", "false");
        if (smtp.security() != SmtpSecurity.PLAIN) {
            TlsSocketFactory tls = new TlsSocketFactory(jdkTlsFactory(smtp));
            props.put(prefix + "ssl.socketFactory", tls);
            props.setProperty(prefix + "ssl.protocols", String.join(" ", TlsSocketFactory.PROTOCOLS));
            props.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        if (smtp.security() == SmtpSecurity.SMTPS) {
            props.setProperty(prefix + "ssl.enable", "true");
            // With implicit TLS the TLS factory makes the socket itself.
            props.put(prefix + "socketFactory", props.get(prefix + "ssl.socketFactory"));
        }
        if (smtp.security() == SmtpSecurity.STARTTLS) {
            props.setProperty(prefix + "starttls.enable", "true");
            props.setProperty(prefix + "starttls.required", "true");
        }
        return props;
    }

    /** The JDK's TLS sockets, trusting the configured trust store or else the JVM's. */
    private static SSLSocketFactory jdkTlsFactory(SmtpProperties smtp) {
        if (smtp.trustStore() == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = smtp.trustStore().getInputStream()) {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            char[] password = smtp.trustStorePassword() == null ? null : smtp.trustStorePassword().toCharArray();
            anchors.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("mash.mail.smtp.trust-store cannot be read", e);
        }
    }

    /** One reusable SMTP connection; used by one thread at a time (it is taken from the pool). */
    private final class Connection {

        private Transport transport;

        void send(MimeMessage message, Address[] recipients, boolean signedOnly) {
            boolean reused = transport != null;
            try {
                transmit(message, recipients, signedOnly);
            } catch (MessagingException first) {
                close();
                if (!reused || hasReplyCode(first)) {
                    throw classify(first);
                }
                // The server may have dropped an idle connection: one fresh try before judging.
                try {
                    transmit(message, recipients, signedOnly);
                } catch (MessagingException second) {
                    close();
                    throw classify(second);
                }
            } catch (DeliveryFailure refused) {
                throw refused;
            } catch (RuntimeException e) {
                close();
                throw DeliveryFailure.retryable("SMTP_UNAVAILABLE", e.getClass().getSimpleName(), e);
            }
        }

        void open() {
            try {
                connect();
            } catch (MessagingException e) {
                close();
                throw classify(e);
            }
        }

        private void connect() throws MessagingException {
            if (transport == null) {
                Transport fresh = session.getTransport();
                if (properties.hasLogin()) {
                    fresh.connect(properties.username(), properties.password());
                } else {
                    fresh.connect();
                }
                transport = fresh;
            }
        }

        private void transmit(MimeMessage message, Address[] recipients, boolean signedOnly) throws MessagingException {
            connect();
            if (signedOnly) {
                requireOnwardTls(message);
            }
            transport.sendMessage(message, recipients);
        }

        /** The relay's EHLO answer on this connection decides; a reconnect asks again. */
        private void requireOnwardTls(MimeMessage message) {
            if (((SMTPTransport) transport).supportsExtension(REQUIRETLS)) {
                if (!(message instanceof SMTPMessage smtpMessage)) {
                    throw new IllegalArgumentException("a signed-only mail must be an SMTPMessage to carry REQUIRETLS");
                }
                smtpMessage.setMailExtension(REQUIRETLS);
            } else if (properties.onwardTls() != OnwardTls.CONFIRMED) {
                throw DeliveryFailure.permanent(ONWARD_TLS_NOT_ASSURED,
                        "the relay does not offer REQUIRETLS and mash.mail.smtp.onward-tls is not confirmed");
            }
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException | RuntimeException e) {
                    log.debug("SMTP connection closed with {}", e.getClass().getSimpleName());
                }
                transport = null;
            }
        }
    }

    private static boolean hasReplyCode(MessagingException e) {
        return replyCode(e) > 0;
    }

    /** The first SMTP reply code found along the exception chain, or 0. */
    private static int replyCode(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (current instanceof SMTPSenderFailedException sender) {
                return sender.getReturnCode();
            }
            if (current instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            Throwable next = current instanceof MessagingException messaging ? messaging.getNextException() : null;
            current = next != null ? next : current.getCause();
        }
        return 0;
    }

    static DeliveryFailure classify(MessagingException e) {
        int code = replyCode(e);
        if (code >= 400 && code < 500) {
            return DeliveryFailure.retryable("SMTP_TEMPORARY_FAILURE", "reply " + code, e);
        }
        if (code >= 500) {
            return DeliveryFailure.permanent("SMTP_REJECTED", "reply " + code, e);
        }
        if (e instanceof AuthenticationFailedException) {
            return DeliveryFailure.retryable("SMTP_LOGIN_FAILED", null, e);
        }
        if (e instanceof SendFailedException) {
            return DeliveryFailure.permanent("SMTP_REJECTED", "recipient refused", e);
        }
        return DeliveryFailure.retryable("SMTP_UNAVAILABLE", e.getClass().getSimpleName(), e);
    }
}
