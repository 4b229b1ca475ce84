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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Polls the gateway's inbound IMAP mailbox ({@code mash.mail.imap.*}), run every
 * {@code mash.mail.imap.poll-interval} by the route {@code mailbox} ({@code routes/scheduled.camel.yaml}),
 * and hands each unseen mail to {@link InboundMail}. Mails are read without setting \Seen (IMAP peek); a mail
 * is marked seen only once its outcome (accepted, or quarantined) is durable, so a crash or an
 * outage means it is read again at the next poll, where the intake's idempotency answers it as a
 * resend. One mail that cannot be read or processed never stops the others. Mails are handled in
 * batches whose flags are written in one command each, because every command is a round trip to a
 * server that may be far away: a burst of junk must not hold up the reply that follows it.
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

    /**
     * Mails handled between two updates of their flags on the server: after a crash at most this
     * many mails already answered are read again (and answered as resends).
     */
    static final int BATCH = 50;

    /**
     * Mails up to this size are fetched whole, a batch in one command, before they are handled; a
     * larger one is streamed on its own, never past max-bytes. A fetched mail stays in memory until
     * the poll ends, so a poll fetches at most {@link #FETCHED_PER_POLL} bytes this way.
     */
    static final int FETCHED_MAX_BYTES = 64 * 1024;

    static final long FETCHED_PER_POLL = 16L * 1024 * 1024;

    private static final FetchProfile WHOLE_MAIL = new FetchProfile();

    static {
        // BODY.PEEK[]: the mail stays unseen on the server until its outcome is durable.
        WHOLE_MAIL.add(IMAPFolder.FetchProfileItem.MESSAGE);
    }

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
                long fetchable = FETCHED_PER_POLL;
                for (int from = 0; from < unseen.length; from += BATCH) {
                    Batch batch = new Batch(folder, Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + BATCH)));
                    fetchable -= batch.fetchSmallMails(fetchable);
                    if (!batch.handle()) {
                        return;
                    }
                }
            } finally {
                folder.close(false);
            }
        }
    }

    /**
     * Up to {@link #BATCH} mails of one poll, handled with as few round trips to the server as their
     * order allows: the first attempt on the mails never started before is counted in one command, and
     * the mails whose outcome is durable are marked seen together once the batch ends. A mail started
     * on before (a crash, an {@link Error}) is counted on its own when it is reached, so that a mail
     * which takes the node down costs the others of its batch at most one attempt: counted but never
     * reached, they are each counted and handled alone at their next poll. When the batch stops short
     * (an outage, a stop, an {@code Error}), the first attempts counted on the mails it did not reach
     * are taken back.
     */
    private final class Batch {

        private final Folder folder;
        private final Message[] mails;
        private final List<Message> countedAhead = new ArrayList<>();
        private final List<Message> seen = new ArrayList<>();
        private final List<Message> setAside = new ArrayList<>();
        private int reached;

        Batch(Folder folder, Message[] mails) {
            this.folder = folder;
            this.mails = mails;
        }

        /** Fetches the batch's small mails whole in one command, within {@code budget} bytes; returns the bytes fetched. */
        long fetchSmallMails(long budget) {
            List<Message> small = new ArrayList<>();
            long bytes = 0;
            try {
                for (Message message : mails) {
                    int size = message.getSize();
                    if (size <= FETCHED_MAX_BYTES && size <= maxBytes && bytes + size <= budget) {
                        small.add(message);
                        bytes += size;
                    }
                }
                if (small.size() > 1) {
                    folder.fetch(small.toArray(Message[]::new), WHOLE_MAIL);
                }
                return bytes;
            } catch (MessagingException e) {
                // Each is then read on its own, as a large mail is.
                log.warn("{} inbound mails not fetched together: {}", small.size(), e.getClass().getSimpleName());
                return 0;
            }
        }

        /** Handles the batch; false when the poll should stop here (an outage, or the node stopping). */
        boolean handle() throws MessagingException {
            try {
                countFirstAttempts();
                for (Message message : mails) {
                    if (!running) {
                        return false;
                    }
                    reached++;
                    if (handleOne(message) == InboundMail.Handled.RETRY) {
                        // The store or broker is down: the remaining mails would fare no better now.
                        return false;
                    }
                }
                return true;
            } finally {
                takeBackUnreached();
                markSeen(seen, new Flags(Flags.Flag.SEEN));
                Flags seenAndFlagged = new Flags(Flags.Flag.SEEN);
                seenAndFlagged.add(Flags.Flag.FLAGGED);
                markSeen(setAside, seenAndFlagged);
            }
        }

        private void countFirstAttempts() throws MessagingException {
            if (properties.maxAttempts() < 2) {
                return; // one attempt each: a crash must not use up the attempt of a mail it never reached
            }
            for (Message message : mails) {
                if (message.getSize() <= maxBytes && attempts.started(message) == 0) {
                    countedAhead.add(message);
                }
            }
            attempts.startFirst(folder, countedAhead);
        }

        /**
         * Decides on one mail. An {@link Error} thrown while it is processed goes up to the poller,
         * which counts it; the attempt stays counted on the mail, which is set aside once
         * {@code max-attempts} is reached.
         */
        private InboundMail.Handled handleOne(Message message) throws MessagingException {
            int size = message.getSize();
            if (size > maxBytes) {
                return setAside(message, InboundMail.MAIL_TOO_LARGE);
            }
            int attempt = countedAhead.contains(message) ? 1 : attempts.start(message);
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
                seen.add(message);
            } else {
                attempts.takeBack(message, attempt);
            }
            return handled;
        }

        /** Quarantines the mail unread; it is marked seen and flagged so that it is not fetched again. */
        private InboundMail.Handled setAside(Message message, String reasonCode) {
            InboundMail.Handled handled = mail.refuseUnread(reasonCode);
            if (handled == InboundMail.Handled.DONE) {
                setAside.add(message);
            }
            return handled;
        }

        private void takeBackUnreached() {
            List<Message> unreached = Arrays.stream(mails, reached, mails.length).filter(countedAhead::contains).toList();
            try {
                attempts.takeBackFirst(folder, unreached);
            } catch (MessagingException e) {
                // Each is counted alone at its next poll: it costs them one of their attempts, nothing more.
                log.warn("First attempts on {} inbound mails not taken back: {}", unreached.size(),
                        e.getClass().getSimpleName());
            }
        }

        private void markSeen(List<Message> done, Flags flags) {
            if (done.isEmpty()) {
                return;
            }
            try {
                folder.setFlags(done.toArray(Message[]::new), flags, true);
                for (Message message : done) {
                    attempts.forget(message);
                }
            } catch (MessagingException e) {
                // Read again at the next poll: the intake answers them as resends, the quarantine gets a copy more.
                log.warn("{} inbound mails not marked seen: {}", done.size(), e.getClass().getSimpleName());
            }
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
