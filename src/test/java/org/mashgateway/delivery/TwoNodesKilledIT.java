package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.AgencyMail;
import org.mashgateway.support.ConsoleDashboard;
import org.mashgateway.support.ConsoleSession;
import org.mashgateway.support.ExternalBroker;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayProcess;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.PoliceLedger;
import org.mashgateway.support.QueueForce;
import org.mashgateway.support.SentMail;
import org.mashgateway.support.StoredNotifications;
import org.mashgateway.support.TestDatabase;

/**
 * Two gateway nodes, each the packaged jar in its own process, on one PostgreSQL database and an
 * external Artemis HA pair (issue 14): police systems post to both over HTTPS and send over the
 * queue, one node is killed with SIGKILL mid-load, and the other, once the dead node's lease on its
 * claimed deliveries has run out, sends them. Every notification either node answered, and every
 * one the broker accepted, is stored (once) and delivered as planned, what got no answer over HTTPS
 * is accepted on the resend, and no mail goes under a Message-ID that is not its delivery's (a mail
 * the dead node had sent before it could record it goes again under the same one). Then the dead
 * node starts again and both nodes' consoles, scheduled work and login lock-outs are compared
 * ({@link #bothNodesShowOneState}). The kill point is drawn from a seed printed in the report
 * ({@code -Dkill.seed=}).
 */
class TwoNodesKilledIT {

    private static final long SEED = Long.getLong("kill.seed", System.nanoTime());
    private static final String FORCE = "police-DERBYS";
    private static final int CLIENTS_PER_NODE = 2;
    /** Short, so that the survivor takes the dead node's claims over within the test. */
    private static final String LEASE = "PT15S";
    /** Work run on one node at a time, the runs of which the test compares between the nodes. */
    private static final String[] ONE_NODE_WORK = {"mailbox", "escalation", "deadline", "retention"};
    private static final int IMAP_PORT = GatewayProcess.freePort();
    private static final Pattern INBOUND_MAIL = Pattern.compile("(?m)^mash_mail_inbound_total\\{[^}]*} (\\S+)$");
    private static final Pattern RUNS = Pattern.compile("(?m)^mash_poller_runs_total\\{[^}]*poller=\"([^\"]+)\"[^}]*} (\\S+)$");


    private final PoliceLedger ledger = new PoliceLedger();

    @Test
    void one_of_two_nodes_killed_under_load_the_other_delivers_everything_answered_and_nothing_under_a_new_id()
            throws Exception {
        Random random = new Random(SEED);
        TestDatabase.Url database = TestDatabase.postgres();
        GreenMail mailbox = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.start();
        GreenMailUser gatewayMailbox = mailbox.setUser(AgencyMail.GATEWAY_MAILBOX, AgencyMail.GATEWAY_MAILBOX, "demo");
        try (SentMail mail = new SentMail();
                ExternalBroker.Pair brokers = ExternalBroker.Pair.start(
                        Path.of("target", "test-data", "two-nodes-brokers-" + UUID.randomUUID()).toAbsolutePath(), 5);
                GatewayProcess dying = new GatewayProcess("two-nodes-a", mail.port(), node("node-a", database, brokers));
                GatewayProcess surviving = new GatewayProcess("two-nodes-b", mail.port(),
                        node("node-b", database, brokers))) {
            dying.start();
            surviving.start();
            long killAfter = 3_000 + random.nextInt(4_000);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(2 * CLIENTS_PER_NODE + 1);
            QueueForce queueForce = new QueueForce(brokers, Duration.ofMillis(50), running);
            load.submit(queueForce);
            for (GatewayProcess node : List.of(dying, surviving)) {
                for (int i = 0; i < CLIENTS_PER_NODE; i++) {
                    GatewayClient client = node.client(FORCE);
                    load.submit(() -> {
                        while (running.get()) {
                            ledger.post(client, Notifications.standardWorkload());
                        }
                    });
                }
            }
            Thread.sleep(killAfter);
            dying.kill();
            List<String> claimedByTheDead = claimedBy(database, "node-a");
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            int mailsAtTheKill = mail.received();
            ledger.resendUnanswered(surviving.client(FORCE));

            StoredNotifications.awaitNoPendingShares(database, Duration.ofMinutes(3));
            try (Connection store = database.open()) {
                Map<String, String> stored = StoredNotifications.referencesById(store);
                List<String> lost = ledger.entries().stream().filter(sent -> !stored.containsKey(sent.id()))
                        .map(PoliceLedger.Sent::id).sorted().toList();
                assertThat(lost).as("answered but not stored").isEmpty();
                List<String> queued = queueForce.accepted();
                assertThat(queued).as("sent over the queue").isNotEmpty();
                assertThat(queued.stream().filter(id -> !stored.containsKey(id)).toList())
                        .as("accepted by the broker but not stored").isEmpty();
                for (PoliceLedger.Sent sent : ledger.entries()) {
                    assertThat(stored.get(sent.id())).as("reference of %s", sent.id()).isEqualTo(sent.reference());
                }
                assertThat(claimedByTheDead).as("the kill left deliveries claimed by the dead node").isNotEmpty();
                assertThat(statusOf(store, claimedByTheDead)).as("the dead node's claims, after its lease")
                        .containsOnlyKeys("SENT");
                int resent = mail.assertDeliveredExactlyAsPlanned(store, stored.values());
                assertThat(mail.strangers(store)).as("mail under a Message-ID of no delivery").isEmpty();
                System.out.println("Two nodes on PostgreSQL, one killed after " + killAfter + " ms of load, seed " + SEED
                        + ": " + ledger.entries().size() + " notifications accepted over HTTPS, " + queued.size()
                        + " over the queue, " + claimedByTheDead.size()
                        + " deliveries claimed by the dead node, " + mailsAtTheKill + " mails at the kill, "
                        + mail.received() + " in all, " + resent + " sent twice under the same Message-ID");
            }

            // The dead node's work run on one node at a time is taken over once its leases run out.
            ConsoleSession survivor = ConsoleSession.loggedIn(surviving.httpsPort(), "admin", "demo");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(ConsoleDashboard.of(survivor).runsOn())
                    .as("holders of the work while node-a is dead").containsValues("node-b")
                    .doesNotContainValue("node-a"));

            dying.start();
            bothNodesShowOneState(dying, surviving, gatewayMailbox);
        } finally {
            mailbox.stop();
        }
    }

    /**
     * The killed node started again on the same database and broker: both consoles show the same
     * deliveries, queues, alerts and holders of the work run on one node at a time; a route an admin
     * pauses on one node is paused on the other; that work (the mailbox, escalation, deadline and
     * retention checks) runs on one node only, and a refused mail is read once; and password
     * guesses spread over the two nodes lock the user out on both.
     */
    private static void bothNodesShowOneState(GatewayProcess a, GatewayProcess b, GreenMailUser gatewayMailbox)
            throws Exception {
        ConsoleSession consoleA = ConsoleSession.loggedIn(a.httpsPort(), "admin", "demo");
        ConsoleSession consoleB = ConsoleSession.loggedIn(b.httpsPort(), "admin", "demo");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ConsoleDashboard.of(consoleA))
                .as("node-a's dashboard against node-b's").isEqualTo(ConsoleDashboard.of(consoleB)));
        ConsoleDashboard shown = ConsoleDashboard.of(consoleA);
        assertThat(shown.counts()).as("deliveries by state").containsKey("SENT");
        assertThat(shown.queues()).as("queue depths, read from the broker pair").isNotEmpty()
                .doesNotContainValue("unknown");
        assertThat(shown.runsOn()).as("work on one node at a time").containsKeys(ONE_NODE_WORK);

        // Each piece of work run on one node at a time runs on its holder only, the other skips it.
        Map<String, Double> runsA = runs(consoleA);
        Map<String, Double> runsB = runs(consoleB);
        Thread.sleep(4_000);
        for (String work : ONE_NODE_WORK) {
            double moreOnA = runs(consoleA).get(work) - runsA.get(work);
            double moreOnB = runs(consoleB).get(work) - runsB.get(work);
            String holder = shown.runsOn().get(work);
            assertThat(holder.equals("node-a") ? moreOnA : moreOnB).as(work + " runs on its holder " + holder).isPositive();
            assertThat(holder.equals("node-a") ? moreOnB : moreOnA).as(work + " runs on the other node").isZero();
            System.out.println("After the restart, " + work + " runs on " + holder + ": in 4 s, " + moreOnA
                    + " runs on node-a, " + moreOnB + " on node-b");
        }

        // A mail the gateway refuses (not S/MIME) is read, refused and quarantined once, by one node.
        gatewayMailbox.deliver(AgencyMail.plain("csc-mash@derby.example", "<not-signed/>"));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboundMail(consoleA) + inboundMail(consoleB) >= 1);
        Thread.sleep(3_000);
        assertThat(inboundMail(consoleA) + inboundMail(consoleB)).as("mails read from the mailbox, both nodes")
                .isEqualTo(1);

        // Paused on node-b's console, paused on node-a within its pause check.
        consoleB.get("/admin");
        assertThat(consoleB.post("/admin/routes/deadline/pause", Map.of()).statusCode()).isEqualTo(302);
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ConsoleDashboard.of(consoleA).states())
                    .containsEntry("deadline", "Suspended"));
        } finally {
            consoleB.get("/admin");
            consoleB.post("/admin/routes/deadline/resume", Map.of());
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ConsoleDashboard.of(consoleA).states())
                .containsEntry("deadline", "Started"));

        // Five wrong passwords for "auditor", alternately on each node: locked out on both.
        for (int guess = 0; guess < 5; guess++) {
            ConsoleSession.anonymous((guess % 2 == 0 ? a : b).httpsPort()).logIn("auditor", "guess-" + guess);
        }
        for (GatewayProcess node : List.of(a, b)) {
            String location = ConsoleSession.anonymous(node.httpsPort()).logIn("auditor", "demo").headers()
                    .firstValue("Location").orElse("");
            assertThat(location).as("the right password after five guesses, on port " + node.httpsPort())
                    .contains("error");
        }
    }

    /** {@code mash_mail_inbound_total} of one node, every outcome. */
    private static double inboundMail(ConsoleSession console) {
        double read = 0;
        Matcher series = INBOUND_MAIL.matcher(console.getText("/actuator/prometheus"));
        while (series.find()) {
            read += Double.parseDouble(series.group(1));
        }
        return read;
    }

    /** {@code mash_poller_runs_total} of one node, by scheduled route. */
    private static Map<String, Double> runs(ConsoleSession console) {
        Map<String, Double> runs = new HashMap<>();
        Matcher series = RUNS.matcher(console.getText("/actuator/prometheus"));
        while (series.find()) {
            runs.put(series.group(1), Double.parseDouble(series.group(2)));
        }
        return runs;
    }

    private static Map<String, String> node(String nodeId, TestDatabase.Url database, ExternalBroker.Pair brokers) {
        Map<String, String> properties = new HashMap<>(database.properties());
        properties.putAll(brokers.gatewayProperties());
        properties.put("mash.delivery.node-id", nodeId);
        properties.put("mash.delivery.lease", LEASE);
        // Often enough to see, within the test, which node runs the work run on one node at a time.
        properties.put("mash.escalation.check-interval", "PT1S");
        properties.put("mash.delivery.deadline-check-interval", "PT1S");
        properties.put("mash.retention.interval", "PT1S");
        properties.put("mash.mail.imap.enabled", "true");
        properties.put("mash.mail.imap.host", "127.0.0.1");
        properties.put("mash.mail.imap.port", String.valueOf(IMAP_PORT));
        properties.put("mash.mail.imap.security", "plain");
        properties.put("mash.mail.imap.username", AgencyMail.GATEWAY_MAILBOX);
        properties.put("mash.mail.imap.password", "demo");
        properties.put("mash.mail.imap.poll-interval", "PT1S");
        return properties;
    }

    /** Deliveries PENDING under a live claim of {@code nodeId}: the work a node killed now leaves behind. */
    private static List<String> claimedBy(TestDatabase.Url database, String nodeId) throws Exception {
        List<String> claimed = new ArrayList<>();
        try (Connection store = database.open();
                PreparedStatement query = store.prepareStatement("SELECT output_reference FROM delivery "
                        + "WHERE status = 'PENDING' AND claimed_by = ? AND claimed_until > ?")) {
            query.setString(1, nodeId);
            query.setTimestamp(2, Timestamp.from(Instant.now()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        }
        return claimed;
    }

    private static Map<String, Integer> statusOf(Connection store, List<String> outputReferences) throws Exception {
        Map<String, Integer> statuses = new HashMap<>();
        try (PreparedStatement query = store.prepareStatement("SELECT status FROM delivery WHERE output_reference = ?")) {
            for (String reference : outputReferences) {
                query.setString(1, reference);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        statuses.merge(rows.getString(1), 1, Integer::sum);
                    }
                }
            }
        }
        return statuses;
    }
}
