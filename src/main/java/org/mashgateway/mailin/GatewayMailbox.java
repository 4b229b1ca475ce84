package org.mashgateway.mailin;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Polls the gateway's inbound IMAP mailbox ({@code mash.mail.imap.*}) on a daemon thread and hands
 * each unseen mail to {@link InboundMail}. Mails are read without setting \Seen (IMAP peek); a mail
 * is marked seen only once its outcome (accepted, or quarantined) is durable, so a crash or an
 * outage means it is read again at the next poll, where the intake's idempotency answers it as a
 * resend. One mail that cannot be read or processed never stops the others.
 */
class GatewayMailbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayMailbox.class);

    /** Starts after the broker, the database and the demo mail server; stops before them. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    private final ImapProperties properties;
    private final InboundMail mail;
    private final Session session;
    private final Pollers pollers;
    private Poller poller;
    private volatile boolean running;

    GatewayMailbox(ImapProperties properties, InboundMail mail, boolean demo, Pollers pollers) {
        if (properties.security() == ImapSecurity.PLAIN && !demo) {
            throw new IllegalStateException("mash.mail.imap.security=plain is allowed only in the demo "
                    + "(mash.demo.enabled=true); use imaps or starttls");
        }
        if (properties.host() == null || properties.host().isBlank()) {
            throw new IllegalStateException("mash.mail.imap.host must be set (or mash.mail.imap.enabled=false)");
        }
        this.properties = properties;
        this.mail = mail;
        this.pollers = pollers;
        this.session = Session.getInstance(sessionProperties(properties));
    }

    static Properties sessionProperties(ImapProperties imap) {
        String protocol = imap.protocol();
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "host", imap.host());
        properties.put(prefix + "port", Integer.toString(imap.port()));
        properties.put(prefix + "connectiontimeout", Long.toString(imap.connectTimeout().toMillis()));
        properties.put(prefix + "timeout", Long.toString(imap.timeout().toMillis()));
        properties.put(prefix + "writetimeout", Long.toString(imap.timeout().toMillis()));
        // Reading a mail must not mark it seen: that happens only once its outcome is durable.
        properties.put(prefix + "peek", "true");
        if (imap.security() != ImapSecurity.PLAIN) {
            // Given as an object: Angus Mail reads mail.<protocol>.ssl.socketFactory as one.
            properties.put(prefix + "ssl.socketFactory", tlsSockets(imap));
            properties.put(prefix + "ssl.checkserveridentity", "true");
            properties.put(prefix + "ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        if (imap.security() == ImapSecurity.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        return properties;
    }

    /** The JDK's TLS sockets, trusting the configured trust store or else the JVM's. */
    private static SSLSocketFactory tlsSockets(ImapProperties imap) {
        if (imap.trustStore() == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = imap.trustStore().getInputStream()) {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(in, imap.trustStorePassword() == null ? null : imap.trustStorePassword().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("mash.mail.imap.trust-store cannot be read", e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        // A poll that fails (server unreachable, login refused, anything thrown) is counted and
        // logged by Pollers; the next poll happens as planned.
        poller = pollers.start("mailbox", Duration.ZERO, properties.pollInterval(), this::poll);
        log.info("Gateway mailbox polled every {} ms ({} on {}:{})", properties.pollInterval().toMillis(),
                properties.security(), properties.host(), properties.port());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) {
            // A mail cut short stays unseen and is read again at the next start.
            poller.stop(Duration.ofSeconds(30));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void poll() throws MessagingException {
        try (Store store = session.getStore(properties.protocol())) {
            store.connect(properties.host(), properties.port(), properties.username(), properties.password());
            Folder folder = store.getFolder(properties.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    if (!running) {
                        return;
                    }
                    if (handle(message) == InboundMail.Handled.RETRY) {
                        // The store or broker is down: the remaining mails would fare no better now.
                        return;
                    }
                }
            } finally {
                folder.close(false);
            }
        }
    }

    InboundMail.Handled handle(Message message) {
        byte[] raw;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            raw = bytes.toByteArray();
        } catch (MessagingException | IOException | OutOfMemoryError e) {
            // This one mail cannot be fetched now (a mail too big for the heap included: its buffer
            // is garbage once thrown); it stays unseen and the others go on.
            log.warn("Inbound mail {} not readable now: {}", message.getMessageNumber(), e.getClass().getSimpleName());
            return InboundMail.Handled.DONE;
        }
        InboundMail.Handled handled = mail.handle(raw);
        if (handled == InboundMail.Handled.DONE) {
            try {
                message.setFlag(Flags.Flag.SEEN, true);
            } catch (MessagingException e) {
                // Read again at the next poll: the intake answers it as a resend, the quarantine gets a copy more.
                log.warn("Inbound mail {} not marked seen: {}", message.getMessageNumber(), e.getClass().getSimpleName());
            }
        }
        return handled;
    }
}
