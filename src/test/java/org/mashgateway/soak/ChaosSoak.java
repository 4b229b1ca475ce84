package org.mashgateway.soak;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.ExternalBroker;
import org.mashgateway.support.GatewayProcess;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.PoliceLedger;
import org.mashgateway.support.OpenedMail;
import org.mashgateway.support.QueueForce;
import org.mashgateway.support.SentMail;
import org.mashgateway.support.StoredNotifications;
import org.mashgateway.support.TestDatabase;

/**
 * The chaos soak of issue 14 (docs/operations.md, "The chaos soak"): two gateway nodes (the packaged
 * jar, each its own process) on one PostgreSQL server and an external Artemis HA pair, an SMTP
 * server, police systems posting over HTTPS at {@code soak.rate} a second to whichever node is up
 * and a force sending over the queue; meanwhile a random node is SIGKILLed every 30–60 s and
 * started again, the live broker is killed once (its backup takes over) and started again 30 s later
 * (it takes its place back from the backup), and the SMTP server is
 * away for 60 s twice. At the end: every notification answered or accepted by the broker is stored,
 * once, and delivered exactly as planned, a mail sent twice only under the same Message-ID, and the
 * decision chain verifies. Not part of {@code verify} (its name does not end in Test):
 *
 * <pre>./mvnw -B -o package -DskipTests
 * ./mvnw -B -o surefire:test -Dtest=ChaosSoak -Dsoak.minutes=10</pre>
 */
class ChaosSoak {

    private static final long SEED = Long.getLong("soak.seed", System.nanoTime());
    private static final Duration LENGTH = Duration.ofMinutes(Long.getLong("soak.minutes", 10));
    private static final int RATE = Integer.getInteger("soak.rate", 20);
    private static final Duration SMTP_OUTAGE = Duration.ofSeconds(Long.getLong("soak.smtp-outage-seconds", 60));
    private static final String FORCE = "police-DERBYS";
    private static final int CLIENTS = 4;
    /** How long the killed primary broker stays down before it is started again and takes its place back. */
    private static final Duration BROKER_DOWN = Duration.ofSeconds(30);


    private final PoliceLedger ledger = new PoliceLedger();
    private final AtomicInteger nodeKills = new AtomicInteger();

    @Test
    void two_nodes_a_broker_pair_and_smtp_under_faults_lose_nothing() throws Exception {
        Random random = new Random(SEED);
        TestDatabase.Url database = TestDatabase.postgres();
        Path folder = Path.of("target", "soak", "run-" + UUID.randomUUID()).toAbsolutePath();
        try (SentMail mail = new SentMail();
                ExternalBroker.Pair brokers = ExternalBroker.Pair.start(folder.resolve("brokers"), 5);
                GatewayProcess a = new GatewayProcess("soak-a", mail.port(), node("node-a", database, brokers));
                GatewayProcess b = new GatewayProcess("soak-b", mail.port(), node("node-b", database, brokers))) {
            List<GatewayProcess> nodes = List.of(a, b);
            a.start();
            b.start();
            Instant start = Instant.now();
            Instant end = start.plus(LENGTH);

            AtomicBoolean running = new AtomicBoolean(true);
            Sizes sizes = new Sizes(nodes, database, folder.resolve("brokers"));
            ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
            sampling.scheduleAtFixedRate(sizes::sample, 0, 5, TimeUnit.SECONDS);
            ExecutorService load = Executors.newFixedThreadPool(CLIENTS + 1);
            QueueForce queueForce = new QueueForce(brokers, Duration.ofMillis(250), running);
            load.submit(queueForce);
            for (int i = 0; i < CLIENTS; i++) {
                Random clientRandom = new Random(random.nextLong());
                load.submit(() -> postUntilStopped(nodes, clientRandom, running));
            }

            // The faults, at points of the run drawn from the seed.
            ExecutorService faults = Executors.newFixedThreadPool(2);
            Future<?> brokerRestart = CompletableFuture.completedFuture(null);
            List<Instant> smtpOutages = List.of(start.plus(fraction(0.2)), start.plus(fraction(0.6)));
            Instant brokerKill = start.plus(fraction(0.4));
            boolean brokerKilled = false;
            int outagesStarted = 0;
            ExecutorService restarts = Executors.newSingleThreadExecutor();
            Future<?> restart = CompletableFuture.completedFuture(null);
            Instant nextNodeKill = start.plusSeconds(30 + random.nextInt(31));
            while (Instant.now().isBefore(end)) {
                Instant now = Instant.now();
                if (outagesStarted < smtpOutages.size() && now.isAfter(smtpOutages.get(outagesStarted))) {
                    outagesStarted++;
                    faults.submit(() -> {
                        mail.outage(SMTP_OUTAGE);
                        return null;
                    });
                }
                if (!brokerKilled && now.isAfter(brokerKill)) {
                    brokerKilled = true;
                    brokerRestart = faults.submit(() -> {
                        brokers.primary().kill();
                        Thread.sleep(BROKER_DOWN.toMillis());
                        brokers.primary().start();
                        return null;
                    });
                }
                if (nextNodeKill == null && restart.isDone()) {
                    restart.get();
                    nextNodeKill = now.plusSeconds(30 + random.nextInt(31));
                }
                if (nextNodeKill != null && now.isAfter(nextNodeKill)) {
                    GatewayProcess victim = nodes.get(random.nextInt(nodes.size()));
                    nextNodeKill = null;
                    restart = restarts.submit(() -> {
                        victim.kill();
                        nodeKills.incrementAndGet();
                        Thread.sleep(2_000);
                        victim.start();
                        return null;
                    });
                }
                Thread.sleep(200);
            }
            running.set(false);
            sampling.shutdown();
            Duration loaded = Duration.between(start, Instant.now());
            restart.get(5, TimeUnit.MINUTES);
            restarts.shutdown();
            load.shutdown();
            assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).as("load stopped").isTrue();
            faults.shutdown();
            assertThat(faults.awaitTermination(2, TimeUnit.MINUTES)).as("SMTP and the primary broker back").isTrue();
            brokerRestart.get();
            for (GatewayProcess node : nodes) {
                if (!node.running()) {
                    node.start();
                }
            }
            ledger.resendUnanswered(a.client(FORCE));
            StoredNotifications.awaitNoPendingShares(database, Duration.ofMinutes(10));

            try (Connection store = database.open()) {
                Map<String, String> stored = StoredNotifications.referencesById(store);
                List<String> answered = ledger.entries().stream().map(PoliceLedger.Sent::id).toList();
                List<String> lostHttps = answered.stream().filter(id -> !stored.containsKey(id)).sorted().toList();
                List<String> lostQueue = queueForce.accepted().stream().filter(id -> !stored.containsKey(id)).toList();
                assertThat(lostHttps).as("answered over HTTPS but not stored").isEmpty();
                assertThat(lostQueue).as("accepted by the broker but not stored").isEmpty();
                for (PoliceLedger.Sent sent : ledger.entries()) {
                    assertThat(stored.get(sent.id())).as("reference of %s", sent.id()).isEqualTo(sent.reference());
                }
                List<String> references = new ArrayList<>();
                answered.forEach(id -> references.add(stored.get(id)));
                queueForce.accepted().forEach(id -> references.add(stored.get(id)));
                int resent = mail.assertDeliveredExactlyAsPlanned(store, references);
                assertThat(mail.strangers(store)).as("mail under a Message-ID of no delivery").isEmpty();
                Map<String, Integer> otherMail = new java.util.TreeMap<>();
                int opened = openEveryMail(mail, otherMail);
                int chain = a.verifyAudit();
                assertThat(chain).as("verify-audit exit code (0: the decision chain is intact)").isZero();

                System.out.printf("""

                        === mash-gateway chaos soak (seed %d, %s of load, %d/s over HTTPS asked) ===
                        accepted over HTTPS                  %d
                        accepted by the broker (queue)       %d
                        mails received by SMTP               %d
                        mails opened by their recipients     %d (decrypted with its key, gateway's signature checked)
                        other mail (alerts), by address      %s
                        mails sent twice, same Message-ID    %d
                        mails under a new Message-ID         0
                        longest 202/receipt to last mail     %s
                        node kills and restarts              %d (starts: node-a %d, node-b %d)
                        live broker killed and restarted     %d (backup took over, primary took its place back)
                        SMTP outages                         %d of %s each
                        decision chain                       intact (verify-audit exit 0)
                        sizes under load (sampled every 5 s) %s
                        %n""", SEED, loaded.withNanos(0), RATE, ledger.entries().size(), queueForce.accepted().size(), mail.received(),
                        opened, otherMail, resent, longestToLastMail(store), nodeKills.get(), a.starts(), b.starts(),
                        brokerKilled ? 1 : 0, outagesStarted, SMTP_OUTAGE, sizes);
            }
        }
    }

    /** The standard workload's recipients, by address, and their demo identities (certs-example/). */
    private static final Map<String, String> RECIPIENTS = Map.of(
            "csc-mash@derby.example", "agency-CSC",
            "health-mash@derby.example", "agency-HEALTH",
            "ews-mash@derby.example", "agency-EWS",
            "safeguarding@example-primary.example", "school-100001");

    /**
     * Opens every mail to a recipient of the workload with that recipient's key; counts the others
     * (alert mail to the MASH admins, which the outages raise) by address.
     */
    private static int openEveryMail(SentMail mail, Map<String, Integer> others) throws Exception {
        int opened = 0;
        for (List<MimeMessage> copies : mail.byMessageId().values()) {
            for (MimeMessage copy : copies) {
                String to = ((InternetAddress) copy.getRecipients(Message.RecipientType.TO)[0]).getAddress();
                if (!RECIPIENTS.containsKey(to)) {
                    others.merge(to, 1, Integer::sum);
                    continue;
                }
                assertThat(OpenedMail.openedBy(RECIPIENTS.get(to), copy)).as("content of a mail to %s", to)
                        .contains("OFFICIAL-SENSITIVE");
                opened++;
            }
        }
        return opened;
    }

    private static Duration fraction(double part) {
        return Duration.ofMillis((long) (LENGTH.toMillis() * part));
    }

    private static Map<String, String> node(String nodeId, TestDatabase.Url database, ExternalBroker.Pair brokers) {
        Map<String, String> properties = new HashMap<>(database.properties());
        properties.putAll(brokers.gatewayProperties());
        properties.put("mash.delivery.node-id", nodeId);
        properties.put("mash.delivery.lease", "PT15S");
        return properties;
    }

    /** One client: posts to a node that is up, about RATE / CLIENTS a second in all. */
    private void postUntilStopped(List<GatewayProcess> nodes, Random random, AtomicBoolean running) {
        long interval = 1_000L * CLIENTS / RATE;
        while (running.get()) {
            long started = System.currentTimeMillis();
            List<GatewayProcess> up = nodes.stream().filter(GatewayProcess::running).toList();
            if (!up.isEmpty()) {
                ledger.post(up.get(random.nextInt(up.size())).client(FORCE), Notifications.standardWorkload());
            }
            pause(Math.max(0, interval - (System.currentTimeMillis() - started)));
        }
    }

    /** The longest time from a notification's receipt to the last of its mails recorded SENT. */
    private static Duration longestToLastMail(Connection store) throws Exception {
        Duration longest = Duration.ZERO;
        try (PreparedStatement query = store.prepareStatement("SELECT r.received_at, MAX(d.sent_at) "
                + "FROM received_notification r JOIN delivery d ON d.notification_reference = r.reference "
                + "WHERE d.outbox_kind = 'SHARE' AND d.status = 'SENT' GROUP BY r.reference, r.received_at");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Duration taken = Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant());
                if (taken.compareTo(longest) > 0) {
                    longest = taken;
                }
            }
        }
        return longest;
    }

    /**
     * What an operator sizes by, the peaks seen while the soak runs: each node's resident memory
     * (heap capped at 512 MB by {@link GatewayProcess}), the connections both nodes hold on the
     * PostgreSQL server, the database and the broker pair's shared journal on disk.
     */
    private static final class Sizes {

        private final List<GatewayProcess> nodes;
        private final TestDatabase.Url database;
        private final Path brokers;
        private long peakRssKb;
        private int peakConnections;
        private long peakDatabaseBytes;
        private long peakJournalBytes;

        Sizes(List<GatewayProcess> nodes, TestDatabase.Url database, Path brokers) {
            this.nodes = nodes;
            this.database = database;
            this.brokers = brokers;
        }

        synchronized void sample() {
            try {
                for (GatewayProcess node : nodes) {
                    if (node.running()) {
                        peakRssKb = Math.max(peakRssKb, rssKb(node.pid()));
                    }
                }
                try (Connection store = database.open();
                        PreparedStatement query = store.prepareStatement("SELECT (SELECT count(*) FROM pg_stat_activity "
                                + "WHERE datname = current_database()), pg_database_size(current_database())");
                        ResultSet row = query.executeQuery()) {
                    row.next();
                    // less this sampler's own connection
                    peakConnections = Math.max(peakConnections, row.getInt(1) - 1);
                    peakDatabaseBytes = Math.max(peakDatabaseBytes, row.getLong(2));
                }
                try (var files = Files.walk(brokers.resolve("shared-data"))) {
                    long journal = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
                    peakJournalBytes = Math.max(peakJournalBytes, journal);
                }
            } catch (Exception e) {
                // a node or the database mid-restart: the next sample reads it
            }
        }

        private static long rssKb(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        }

        @Override
        public synchronized String toString() {
            return String.format("node RSS %d MB (peak of either), PostgreSQL connections %d (both nodes), "
                    + "database %d MB, broker journal %d MB", peakRssKb / 1024, peakConnections,
                    peakDatabaseBytes / (1024 * 1024), peakJournalBytes / (1024 * 1024));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
