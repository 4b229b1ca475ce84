package org.mashgateway.simulation;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The area's mail relay (GreenMail SMTP): taken down for an outage (connections refused) and
 * brought back on the same port. Hands each received mail to the simulation once.
 */
final class SimulatedRelay implements AutoCloseable {

    private final int port;
    private GreenMail server;
    /** Mails of the running server already handed out. */
    private int handedOut;
    private boolean up;
    private final List<MimeMessage> heldBeforeOutage = new ArrayList<>();

    SimulatedRelay(int port) {
        this.port = port;
        start();
    }

    synchronized boolean isUp() {
        return up;
    }

    synchronized void down() {
        if (up) {
            // Read after the stop from the stopped server's store (stop() gives the server a new,
            // empty one): a mail accepted between the last read and the stop is handed out too.
            Managers stopped = server.getManagers();
            server.stop();
            up = false;
            List<StoredMessage> all = stopped.getImapHostManager().getAllMessages();
            for (StoredMessage message : all.subList(Math.min(handedOut, all.size()), all.size())) {
                heldBeforeOutage.add(message.getMimeMessage());
            }
        }
    }

    synchronized void up() {
        if (!up) {
            start();
        }
    }

    /** Mails received since the last call. */
    synchronized List<MimeMessage> newMail() {
        List<MimeMessage> fresh = new ArrayList<>(heldBeforeOutage);
        heldBeforeOutage.clear();
        if (up) {
            MimeMessage[] all = server.getReceivedMessages();
            fresh.addAll(List.of(all).subList(handedOut, all.length));
            handedOut = all.length;
        }
        return fresh;
    }

    private void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        handedOut = 0;
        up = true;
    }

    @Override
    public synchronized void close() {
        if (up) {
            server.stop();
            up = false;
        }
    }
}
