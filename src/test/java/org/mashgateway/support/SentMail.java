package org.mashgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The SMTP server a killed gateway delivers to, and the checks of what reached it against the
 * outbox in the gateway's store: every planned mail arrived, and a mail that arrived twice (sent,
 * then the gateway killed before it recorded SENT) carries the first copy's Message-ID.
 */
public final class SentMail implements AutoCloseable {

    private final int port = GatewayProcess.freePort();
    /** What servers stopped by an {@link #outage} had received. */
    private final List<MimeMessage> beforeOutages = new ArrayList<>();
    private GreenMail server = newServer();

    public SentMail() {
        server.start();
    }

    public int port() {
        return port;
    }

    public synchronized int received() {
        return beforeOutages.size() + server.getReceivedMessages().length;
    }

    /** The server goes away for {@code length} (connections refused), then comes back on the same port. */
    public void outage(Duration length) throws InterruptedException {
        synchronized (this) {
            // Read after the stop, from the stopped server's store (stop() gives the server a new,
            // empty one): a mail accepted between a read and the stop would otherwise be missed.
            Managers stopped = server.getManagers();
            server.stop();
            for (StoredMessage message : stopped.getImapHostManager().getAllMessages()) {
                beforeOutages.add(message.getMimeMessage());
            }
        }
        Thread.sleep(length.toMillis());
        synchronized (this) {
            server = newServer();
            server.start();
        }
    }

    /** Every mail received, by Message-ID; more than one under an id is a resend. */
    public synchronized Map<String, List<MimeMessage>> byMessageId() {
        List<MimeMessage> all = new ArrayList<>(beforeOutages);
        all.addAll(List.of(server.getReceivedMessages()));
        return all.stream().collect(Collectors.groupingBy(SentMail::messageId, TreeMap::new, Collectors.toList()));
    }

    private GreenMail newServer() {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /**
     * Checks the deliveries of these gateway references (notifications, requests) in a stopped
     * gateway's store: none is still PENDING or FAILED, and the Message-IDs received for them are
     * exactly those of their SENT deliveries, each copy of one id alike (same subject).
     *
     * @return how many mails arrived more than once
     */
    public int assertDeliveredExactlyAsPlanned(Connection store, Collection<String> references) throws SQLException {
        Set<String> planned = new HashSet<>();
        Map<String, String> unsettled = new TreeMap<>();
        try (PreparedStatement query = store.prepareStatement(
                "SELECT output_reference, status FROM delivery WHERE notification_reference = ? AND outbox_kind = 'SHARE'")) {
            for (String reference : references) {
                query.setString(1, reference);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String status = rows.getString(2);
                        if (status.equals("SENT")) {
                            planned.add("<" + rows.getString(1) + "@mash-gateway>");
                        } else if (!status.equals("NOT_SHARED")) {
                            unsettled.put(rows.getString(1), status);
                        }
                    }
                }
            }
        }
        assertThat(unsettled).as("deliveries neither SENT nor NOT_SHARED").isEmpty();
        Map<String, List<MimeMessage>> received = byMessageId();
        Set<String> deliveryMail = received.keySet().stream().filter(id -> id.startsWith("<MGW-"))
                .collect(Collectors.toSet());
        assertThat(deliveryMail).as("Message-IDs received for these deliveries").containsAll(planned);
        int resent = 0;
        for (String id : planned) {
            List<MimeMessage> copies = received.get(id);
            assertThat(copies.stream().map(SentMail::subject).distinct()).as("copies of " + id).hasSize(1);
            resent += copies.size() - 1;
        }
        return resent;
    }

    /** Mail under a Message-ID no planned delivery of the store has: sent under a new id, or sent for nothing. */
    public Set<String> strangers(Connection store) throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement query = store.prepareStatement(
                "SELECT output_reference FROM delivery WHERE output_reference IS NOT NULL");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                known.add("<" + rows.getString(1) + "@mash-gateway>");
            }
        }
        return byMessageId().keySet().stream().filter(id -> id.startsWith("<MGW-") && !id.contains(".copy@") && !known.contains(id))
                .collect(Collectors.toSet());
    }

    @Override
    public synchronized void close() {
        server.stop();
    }

    private static String messageId(MimeMessage message) {
        try {
            return String.valueOf(message.getMessageID());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
