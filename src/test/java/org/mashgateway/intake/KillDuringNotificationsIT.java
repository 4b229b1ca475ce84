package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayProcess;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SentMail;
import org.mashgateway.support.StoredNotifications;

/**
 * The packaged gateway killed with SIGKILL, then started again on the same data, several times:
 * while police systems post notifications over HTTPS and put them on the queue, and while the mails
 * of a burst are half sent. Every notification it answered 202 or 200 (HTTPS) or whose queue
 * message was committed is delivered to every recipient as planned; what got no answer is sent
 * again and accepted, once; a resend of an answered one gets 200 ALREADY_ACCEPTED with the same
 * reference; a mail sent twice keeps its Message-ID. The kill points are drawn from a seed printed
 * in the report ({@code -Dkill.seed=}).
 */
class KillDuringNotificationsIT {

    private static final int KILL_POINTS = Integer.getInteger("kill.points", 3);
    private static final long SEED = Long.getLong("kill.seed", System.nanoTime());
    private static final int HTTPS_CLIENTS = 4;
    private static final int BURST = 40;
    /** CSC, HEALTH, EWS and the school of the school-age child; the younger child is NOT_SHARED. */
    private static final int MAILS_PER_NOTIFICATION = 4;
    private static final String FORCE = "police-DERBYS";
    private static final String NOTIFICATIONS = "/api/v1/notifications";

    /** What a police system sent and what, if anything, it was answered. */
    private record Sent(String id, String xml, boolean byQueue, int status, String reference) {
        boolean answered() {
            return status > 0;
        }
    }

    private final Map<String, Sent> ledger = new ConcurrentHashMap<>();

    @Test
    void killed_under_https_and_queue_load_loses_nothing_it_answered() throws Exception {
        Random random = new Random(SEED);
        List<String> report = new ArrayList<>();
        try (SentMail mail = new SentMail();
                GatewayProcess gateway = new GatewayProcess("intake", mail.port(), Map.of())) {
            gateway.start();
            for (int point = 1; point <= KILL_POINTS; point++) {
                long killAfter = 1_500 + random.nextInt(3_500);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = startLoad(gateway, running);
                Thread.sleep(killAfter);
                int mailsBefore = mail.received();
                gateway.kill();
                stop(load, running);
                report.add("kill " + point + " after " + killAfter + " ms of load: " + tally() + ", " + mailsBefore
                        + " mails so far");
                gateway.start();
                resendUnanswered(gateway);
            }
            assertResendsOfAnsweredAreRecognised(gateway.client(FORCE));
            report.add(assertDeliveredAsPlanned(gateway, mail));
        }
        System.out.println("Kill under HTTPS and queue load, seed " + SEED + "\n  " + String.join("\n  ", report));
    }

    @Test
    void killed_with_mails_half_sent_sends_each_again_under_its_first_message_id() throws Exception {
        Random random = new Random(SEED + 1);
        List<String> report = new ArrayList<>();
        try (SentMail mail = new SentMail();
                GatewayProcess gateway = new GatewayProcess("delivery", mail.port(), Map.of())) {
            gateway.start();
            for (int point = 1; point <= KILL_POINTS; point++) {
                int before = mail.received();
                double fraction = 0.15 + 0.7 * random.nextDouble();
                int killAt = before + (int) (BURST * MAILS_PER_NOTIFICATION * fraction);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService burst = startBurst(gateway, running);
                awaitMails(mail, killAt);
                gateway.kill();
                stop(burst, running);
                report.add("kill " + point + " with " + (mail.received() - before) + " of the burst's "
                        + BURST * MAILS_PER_NOTIFICATION + " mails sent: " + tally());
                gateway.start();
                resendUnanswered(gateway);
            }
            report.add(assertDeliveredAsPlanned(gateway, mail));
        }
        System.out.println("Kill with mails half sent, seed " + SEED + "\n  " + String.join("\n  ", report));
    }

    /**
     * After the last restart: every notification is delivered, then, the gateway stopped, its store
     * holds every one that was answered, with the reference it was answered, and the same plan; the
     * mails received are exactly the planned ones, a resend under the first copy's Message-ID.
     */
    private String assertDeliveredAsPlanned(GatewayProcess gateway, SentMail mail) throws Exception {
        awaitDelivered(gateway.client(FORCE));
        gateway.stop();
        try (java.sql.Connection store = gateway.openStore()) {
            Map<String, String> stored = StoredNotifications.referencesById(store);
            List<String> lost = ledger.values().stream().filter(sent -> !stored.containsKey(sent.id()))
                    .map(sent -> sent.id() + (sent.byQueue() ? " (queue, committed)" : " (HTTPS, answered "
                            + sent.status() + ")"))
                    .sorted().toList();
            assertThat(lost).as("accepted but not in the store after the restarts").isEmpty();
            for (Sent sent : ledger.values()) {
                if (!sent.byQueue()) {
                    assertThat(stored.get(sent.id())).as("reference of %s", sent.id()).isEqualTo(sent.reference());
                }
            }
            assertSamePlanForEveryNotification(store, stored);
            int resent = mail.assertDeliveredExactlyAsPlanned(store, stored.values());
            assertThat(mail.strangers(store)).as("mail under a Message-ID of no delivery").isEmpty();
            return ledger.size() + " notifications accepted over " + gateway.starts() + " starts, " + mail.received()
                    + " mails, " + resent + " sent twice under the same Message-ID";
        }
    }

    private String tally() {
        long answered = ledger.values().stream().filter(Sent::answered).count();
        return answered + " answered or committed, " + (ledger.size() - answered) + " without answer";
    }

    private static void stop(ExecutorService load, AtomicBoolean running) throws InterruptedException {
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    }

    /** A burst of {@link #BURST} notifications, posted by the clients together. */
    private ExecutorService startBurst(GatewayProcess gateway, AtomicBoolean running) {
        ExecutorService burst = Executors.newFixedThreadPool(HTTPS_CLIENTS);
        for (int i = 0; i < HTTPS_CLIENTS; i++) {
            GatewayClient client = gateway.client(FORCE);
            burst.submit(() -> {
                for (int n = 0; n < BURST / HTTPS_CLIENTS && running.get(); n++) {
                    post(client, Notifications.standardWorkload());
                }
            });
        }
        return burst;
    }

    private static void awaitMails(SentMail mail, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (mail.received() < count) {
            assertThat(System.nanoTime()).as("mails to reach %d", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** HTTPS clients posting back to back, and one police system putting notifications on the queue. */
    private ExecutorService startLoad(GatewayProcess gateway, AtomicBoolean running) {
        ExecutorService load = Executors.newFixedThreadPool(HTTPS_CLIENTS + 1);
        for (int i = 0; i < HTTPS_CLIENTS; i++) {
            GatewayClient client = gateway.client(FORCE);
            load.submit(() -> {
                while (running.get()) {
                    post(client, Notifications.standardWorkload());
                }
            });
        }
        load.submit(() -> putOnQueue(gateway.brokerPort(), running));
        return load;
    }

    private void post(GatewayClient client, Notifications notification) {
        String xml = notification.xml();
        ledger.put(notification.id(), new Sent(notification.id(), xml, false, 0, null));
        try {
            Answer answer = client.postXml(NOTIFICATIONS, xml);
            assertThat(answer.status()).as("answer to a new notification").isEqualTo(202);
            ledger.put(notification.id(), new Sent(notification.id(), xml, false, 202, answer.json().path("reference").asText()));
        } catch (IllegalStateException noAnswer) {
            // the gateway died under the request, or was not there: resent after the restart
            pause(50);
        }
    }

    /**
     * A police system's transacted producer: a notification counts as handed over when the commit
     * returns. One whose commit failed is uncertain (the broker may have it) and is sent again.
     */
    private void putOnQueue(int brokerPort, AtomicBoolean running) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
                Connection connection = factory.createConnection("DERBYS", "demo")) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS));
            while (running.get()) {
                Notifications notification = Notifications.standardWorkload();
                String xml = notification.xml();
                ledger.put(notification.id(), new Sent(notification.id(), xml, true, 0, null));
                producer.send(session.createTextMessage(xml));
                session.commit();
                ledger.put(notification.id(), new Sent(notification.id(), xml, true, 1, null));
                pause(100);
            }
        } catch (JMSException brokerGone) {
            // killed: what was not committed is resent after the restart
        }
    }

    /** Clients send again what got no answer: accepted now, or recognised as already accepted. */
    private void resendUnanswered(GatewayProcess gateway) throws JMSException {
        GatewayClient client = gateway.client(FORCE);
        List<Sent> byQueue = new ArrayList<>();
        for (Sent sent : List.copyOf(ledger.values())) {
            if (sent.answered()) {
                continue;
            }
            if (sent.byQueue()) {
                byQueue.add(sent);
                continue;
            }
            Answer answer = client.postXml(NOTIFICATIONS, sent.xml());
            assertThat(answer.status()).as("resend of %s", sent.id()).isIn(200, 202);
            if (answer.status() == 200) {
                assertThat(answer.json().path("status").asText()).isEqualTo("ALREADY_ACCEPTED");
            }
            ledger.put(sent.id(), new Sent(sent.id(), sent.xml(), false, answer.status(),
                    answer.json().path("reference").asText()));
        }
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + gateway.brokerPort());
                Connection connection = factory.createConnection("DERBYS", "demo")) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS));
            for (Sent sent : byQueue) {
                producer.send(session.createTextMessage(sent.xml()));
                session.commit();
                ledger.put(sent.id(), new Sent(sent.id(), sent.xml(), true, 1, null));
            }
        }
    }

    private void assertResendsOfAnsweredAreRecognised(GatewayClient client) {
        ledger.values().stream().filter(sent -> !sent.byQueue() && sent.answered()).limit(20).forEach(sent -> {
            Answer again = client.postXml(NOTIFICATIONS, sent.xml());
            assertThat(again.status()).as("resend of answered %s", sent.id()).isEqualTo(200);
            assertThat(again.json().path("status").asText()).isEqualTo("ALREADY_ACCEPTED");
            assertThat(again.json().path("reference").asText()).isEqualTo(sent.reference());
        });
    }

    /**
     * Waits until the status API shows no delivery PENDING and no notification still being taken
     * in (one unknown to the gateway for 20 s is lost: the checks on the store then name it).
     */
    private void awaitDelivered(GatewayClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        List<String> waiting = new ArrayList<>(ledger.keySet());
        int unknownBefore = -1;
        long unknownSince = System.nanoTime();
        while (true) {
            List<String> unknown = new ArrayList<>();
            waiting.removeIf(id -> {
                Answer status = client.get(NOTIFICATIONS + "/" + id);
                if (status.status() == 404) {
                    unknown.add(id);
                    return false;
                }
                return settled(status);
            });
            if (unknown.size() != unknownBefore) {
                unknownBefore = unknown.size();
                unknownSince = System.nanoTime();
            }
            boolean onlyLost = waiting.size() == unknown.size()
                    && System.nanoTime() - unknownSince > TimeUnit.SECONDS.toNanos(20);
            if (waiting.isEmpty() || onlyLost) {
                return;
            }
            assertThat(System.nanoTime()).as("%d notifications still pending", waiting.size()).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static boolean settled(Answer status) {
        if (status.status() != 200) {
            return false;
        }
        for (var delivery : status.json().path("deliveries")) {
            if (delivery.path("status").asText().equals("PENDING")) {
                return false;
            }
        }
        return true;
    }

    /** Every notification of the workload has the same shape, so the same recipients and decisions. */
    private static void assertSamePlanForEveryNotification(java.sql.Connection store, Map<String, String> stored)
            throws Exception {
        Map<String, List<String>> plans = new ConcurrentHashMap<>();
        try (PreparedStatement query = store.prepareStatement("SELECT recipient_type, recipient, status FROM delivery "
                + "WHERE notification_reference = ? ORDER BY recipient_type, recipient, status")) {
            for (String reference : stored.values()) {
                query.setString(1, reference);
                List<String> plan = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1) + ":" + rows.getString(2) + ":" + rows.getString(3));
                    }
                }
                plans.put(reference, plan);
            }
        }
        assertThat(plans.values().stream().distinct()).as("plans").hasSize(1);
        assertThat(plans.values().iterator().next()).as("the plan").contains("AGENCY:CSC:SENT", "SCHOOL:100001:SENT");
    }


    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
