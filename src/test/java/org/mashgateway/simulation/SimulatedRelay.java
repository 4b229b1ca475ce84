package org.mashgateway.simulation;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The area's mail relay (GreenMail SMTP): taken down for an outage (connections refused) and
 * brought back on the same port. Hands each received mail to the simulation once, in the order the
 * relay accepted them (GreenMail's own list of received mail is ordered by mailbox, not by time).
 */
final class SimulatedRelay implements AutoCloseable {

    private final int port;
    /** Every mail accepted and not yet handed out, noted as the relay stores it (before its 250 reply). */
    private final Queue<MimeMessage> accepted = new ConcurrentLinkedQueue<>();
    private GreenMail server;
    private boolean up;

    SimulatedRelay(int port) {
        this.port = port;
        start();
    }

    synchronized boolean isUp() {
        return up;
    }

    synchronized void down() {
        if (up) {
            server.stop();
            up = false;
        }
    }

    synchronized void up() {
        if (!up) {
            start();
        }
    }

    /** Mails accepted since the last call. */
    List<MimeMessage> newMail() {
        List<MimeMessage> fresh = new ArrayList<>();
        for (MimeMessage mail = accepted.poll(); mail != null; mail = accepted.poll()) {
            fresh.add(mail);
        }
        return fresh;
    }

    /** Empties the relay's mailboxes of mail already handed out, so that a week's mail does not fill the heap. */
    synchronized void forgetHandedOut() {
        if (up) {
            try {
                server.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new IllegalStateException("could not empty the relay's mailboxes", e);
            }
        }
    }

    private void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        UserManager users = server.getUserManager();
        MessageDeliveryHandler stores = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            GreenMailUser user = stores.handle(message, address);
            accepted.add(message.getMessage());
            return user;
        });
        server.start();
        up = true;
    }

    @Override
    public synchronized void close() {
        down();
    }
}
