package org.mashgateway.mailin;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Polls the gateway's inbound IMAP mailbox ({@code mash.mail.imap.*}), run every
 * {@code mash.mail.imap.poll-interval} by the route {@code mailbox} ({@code routes/scheduled.camel.yaml}),
 * and hands each unseen mail to {@link InboundMail}. Mails are read without setting \Seen (IMAP peek); a mail
 * is marked seen only once its outcome (accepted, or quarantined) is durable, so a crash or an
 * outage means it is read again at the next poll, where the intake's idempotency answers it as a
 * resend. One mail that cannot be read or processed never stops the others.
 *
 * <p>Two kinds of mail are set aside without being read (marked seen and flagged on the server,
 * where a person can find them, with a QUARANTINED decision): one larger than
 * {@code mash.mail.imap.max-bytes} by the size the server states (MAIL_TOO_LARGE), and one the
 * gateway has already started on {@code mash.mail.imap.max-attempts} times without an outcome,
 * because its processing threw an {@link Error} or the node died (MAIL_NOT_PROCESSABLE).
 */
class GatewayMailbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayMailbox.class);

    /** Starts after the broker, the database and the demo mail server; stops before them. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    /** The largest mail a Java array can hold, with room for the JVM's array header. */
    private static final long MAX_READABLE = Integer.MAX_VALUE - 8;

    private final ImapProperties properties;
    private final InboundMail mail;
    private final Session session;
    private final int maxBytes;
    private final MailAttempts attempts = new MailAttempts();
    private volatile boolean running;

    GatewayMailbox(ImapProperties properties, InboundMail mail, boolean demo) {
        if (properties.security() == ImapSecurity.PLAIN && !demo) {
            throw new IllegalStateException("mash.mail.imap.security=plain is allowed only in the demo "
                    + "(mash.demo.enabled=true); use imaps or starttls");
        }
        if (properties.host() == null || properties.host().isBlank()) {
            throw new IllegalStateException("mash.mail.imap.host must be set (or mash.mail.imap.enabled=false)");
        }
        if (properties.maxBytes().toBytes() > MAX_READABLE) {
            throw new IllegalStateException("mash.mail.imap.max-bytes must be at most " + MAX_READABLE + " bytes");
        }
        this.properties = properties;
        this.maxBytes = (int) properties.maxBytes().toBytes();
        this.mail = mail;
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
        log.info("Gateway mailbox polled every {} ms ({} on {}:{})", properties.pollInterval().toMillis(),
                properties.security(), properties.host(), properties.port());
    }

    /** Stops between two mails: a mail cut short stays unseen and is read again at the next start. */
    @Override
    public synchronized void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * One poll of the mailbox. A poll that fails (server unreachable, login refused, anything thrown)
     * is counted and logged by the route; the next poll happens as planned.
     */
    public void poll() throws MessagingException {
        if (!running) {
            return;
        }
        try (Store store = session.getStore(properties.protocol())) {
            store.connect(properties.host(), properties.port(), properties.username(), properties.password());
            Folder folder = store.getFolder(properties.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                // Sizes, flags (attempts so far) and UIDs in one round trip; no content yet.
                FetchProfile outline = new FetchProfile();
                outline.add(FetchProfile.Item.SIZE);
                outline.add(FetchProfile.Item.FLAGS);
                outline.add(UIDFolder.FetchProfileItem.UID);
                folder.fetch(unseen, outline);
                for (Message message : unseen) {
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

    /**
     * Decides on one mail. An {@link Error} thrown while it is processed goes up to the poller,
     * which counts it; the attempt stays counted on the mail, which is set aside once
     * {@code max-attempts} is reached.
     */
    InboundMail.Handled handle(Message message) throws MessagingException {
        int size = message.getSize();
        if (size > maxBytes) {
            return setAside(message, InboundMail.MAIL_TOO_LARGE);
        }
        int attempt = attempts.start(message);
        if (attempt > properties.maxAttempts()) {
            return setAside(message, InboundMail.MAIL_NOT_PROCESSABLE);
        }
        byte[] raw;
        try {
            raw = read(message, size);
        } catch (MailTooLargeException e) {
            // The server understated the size: refused all the same, and the buffer is garbage now.
            return setAside(message, InboundMail.MAIL_TOO_LARGE);
        } catch (MessagingException | IOException e) {
            // This one mail cannot be fetched now; it stays unseen, the attempt does not count, the others go on.
            log.warn("Inbound mail {} not readable now: {}", message.getMessageNumber(), e.getClass().getSimpleName());
            attempts.takeBack(message, attempt);
            return InboundMail.Handled.DONE;
        }
        InboundMail.Handled handled = mail.handle(raw);
        if (handled == InboundMail.Handled.DONE) {
            markSeen(message, false);
        } else {
            attempts.takeBack(message, attempt);
        }
        return handled;
    }

    /** Quarantines the mail unread, then marks it seen and flagged so that it is not fetched again. */
    private InboundMail.Handled setAside(Message message, String reasonCode) throws MessagingException {
        InboundMail.Handled handled = mail.refuseUnread(reasonCode);
        if (handled == InboundMail.Handled.DONE) {
            markSeen(message, true);
        }
        return handled;
    }

    private void markSeen(Message message, boolean flagged) {
        try {
            Flags flags = new Flags(Flags.Flag.SEEN);
            if (flagged) {
                flags.add(Flags.Flag.FLAGGED);
            }
            message.setFlags(flags, true);
            attempts.forget(message);
        } catch (MessagingException e) {
            // Read again at the next poll: the intake answers it as a resend, the quarantine gets a copy more.
            log.warn("Inbound mail {} not marked seen: {}", message.getMessageNumber(), e.getClass().getSimpleName());
        }
    }

    /** The raw mail, streamed from the server into one buffer of the stated size, never past max-bytes. */
    private byte[] read(Message message, int statedSize) throws MessagingException, IOException {
        MailBuffer buffer = new MailBuffer(statedSize, maxBytes);
        message.writeTo(buffer);
        return buffer.bytes();
    }

    /** Thrown when a mail's content turns out larger than max-bytes while it is read. */
    private static final class MailTooLargeException extends IOException {
        MailTooLargeException() {
            super("mail larger than mash.mail.imap.max-bytes");
        }
    }

    /**
     * Collects a mail in an array sized from the start to the size the server stated, so that a
     * mail of that size is handed on without a copy; refuses to grow past {@code limit}.
     */
    private static final class MailBuffer extends OutputStream {

        private final int limit;
        private byte[] bytes;
        private int count;

        MailBuffer(int statedSize, int limit) {
            this.limit = limit;
            this.bytes = new byte[Math.max(statedSize, 0)];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
            if (length > limit - count) {
                throw new MailTooLargeException();
            }
            if (length > bytes.length - count) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(count + length, 2L * bytes.length)));
            }
            System.arraycopy(source, offset, bytes, count, length);
            count += length;
        }

        byte[] bytes() {
            return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
        }
    }
}
