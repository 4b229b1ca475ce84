package org.mashgateway.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.School;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The demo's local mail server: SMTP and IMAP (GreenMail) on loopback, with a mailbox for every
 * address in the directory (agencies, schools, school deputies) and for the gateway's own
 * address, each logged into with the address and the password {@value #DEMO_PASSWORD}. The
 * directory is checked again periodically, so an address added while running gets its mailbox.
 */
final class DemoMailServer implements SmartLifecycle {

    /** The password of every demo mailbox. */
    static final String DEMO_PASSWORD = "demo";

    /** Starts before the routes that send and poll mail, stops after them. */
    private static final int PHASE = Integer.MIN_VALUE + 1000;

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    private final GreenMail greenMail;
    private final Directory directory;
    private final String gatewayAddress;
    /** Where alerts are mailed (mash.alerts.mail-to), blank when they are not. */
    private final String adminsAddress;
    private final Duration reprovisionInterval;
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    private final Pollers pollers;
    private Poller reprovisioning;
    private volatile boolean running;

    DemoMailServer(Directory directory, String gatewayAddress, String adminsAddress, Endpoint smtp, Endpoint imap,
            Duration reprovisionInterval, Pollers pollers) {
        this.directory = directory;
        this.gatewayAddress = gatewayAddress;
        this.adminsAddress = adminsAddress;
        this.reprovisionInterval = reprovisionInterval;
        this.pollers = pollers;
        this.greenMail = new GreenMail(new ServerSetup[] {
            smtp.setup(ServerSetup.PROTOCOL_SMTP), imap.setup(ServerSetup.PROTOCOL_IMAP)
        });
    }

    /** Where one of the mail protocols listens; port 0 takes any free port (tests). */
    record Endpoint(String host, int port) {
        ServerSetup setup(String protocol) {
            ServerSetup setup = new ServerSetup(port, host, protocol);
            return port == 0 ? setup.dynamicPort() : setup;
        }
    }

    @Override
    public synchronized void start() {
        greenMail.start();
        provision();
        reprovisioning = pollers.start("demo-mailboxes", reprovisionInterval, reprovisionInterval, this::reprovision);
        running = true;
        log.info("Demo mail server started: SMTP port {}, IMAP port {}, {} mailboxes",
                smtpPort(), imapPort(), provisioned.size());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (reprovisioning != null) {
            reprovisioning.stop();
        }
        greenMail.stop();
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
     * Creates the mailboxes the directory now needs and does not have yet; returns how many it
     * created. Mailboxes of addresses gone from the directory stay, with their mail.
     */
    synchronized int provision() {
        int created = 0;
        for (String address : addresses()) {
            if (!provisioned.contains(address)) {
                greenMail.setUser(address, address, DEMO_PASSWORD);
                provisioned.add(address);
                created++;
            }
        }
        return created;
    }

    private void reprovision() {
        int created = provision();
        if (created > 0) {
            log.info("Demo mail server: {} new mailboxes for directory changes", created);
        }
    }

    /** Every address that should have a demo mailbox. */
    Set<String> addresses() {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(gatewayAddress);
        addIfPresent(addresses, adminsAddress);
        for (Agency agency : directory.agencies()) {
            addIfPresent(addresses, agency.email());
        }
        for (School school : directory.schools()) {
            addIfPresent(addresses, school.email());
            addIfPresent(addresses, school.deputyEmail());
        }
        return addresses;
    }

    private static void addIfPresent(Set<String> addresses, String address) {
        if (address != null && !address.isBlank()) {
            addresses.add(address.strip());
        }
    }

    /** The SMTP port actually bound (differs from the configured one only when that was 0). */
    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** The IMAP port actually bound. */
    int imapPort() {
        return greenMail.getImap().getPort();
    }

    String gatewayAddress() {
        return gatewayAddress;
    }
}
