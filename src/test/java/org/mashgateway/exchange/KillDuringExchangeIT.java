package org.mashgateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.mail.internet.MimeMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayProcess;
import org.mashgateway.support.SentMail;

/**
 * The packaged gateway killed with SIGKILL, several times, while the MASH case system sends
 * information requests, an agency answers them, the answers go on to the case system on
 * mash.out.casework, and a forged answer (an agency claiming to be another) raises a security alert
 * that is mailed to the admins. After the restarts: every request and response that was answered
 * is stored and every response reached the case system (a repeat under the same MashReference);
 * every 403 left its alert, every alert was mailed, and none in two mails with different Message-IDs.
 */
class KillDuringExchangeIT {

    private static final int KILL_POINTS = Integer.getInteger("kill.points", 3);
    private static final long SEED = Long.getLong("kill.seed", System.nanoTime());
    private static final int CLIENTS = 2;
    private static final String REQUESTS = "/api/v1/information-requests";
    private static final String RESPONSES = "/api/v1/information-responses";
    private static final Pattern ALERT_MAIL = Pattern.compile("<alert-(\\d+)-(\\d+)@mash-gateway>");

    /** One request and its answer, as the case system and the agency sent them and were answered. */
    private static final class Exchange {
        final String requestId = ExchangeFixtures.freshId("MASH-REQ");
        final String responseId = ExchangeFixtures.freshId("HEALTH-RSP");
        final String request = ExchangeFixtures.request(requestId, "HEALTH",
                Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        final String response = ExchangeFixtures.response(responseId, requestId, "HEALTH", "Registered with a GP.",
                "Held under a court order.");
        volatile int requestStatus;
        volatile int responseStatus;
    }

    private final List<Exchange> exchanges = new ArrayList<>();
    private final AtomicInteger forgedRefused = new AtomicInteger();

    @Test
    void killed_during_responses_casework_and_alert_mail_loses_nothing_it_answered() throws Exception {
        Random random = new Random(SEED);
        List<String> report = new ArrayList<>();
        try (SentMail mail = new SentMail();
                GatewayProcess gateway = new GatewayProcess("exchange", mail.port(), Map.of(
                        // a node killed holding an entry's lease sends it once the lease has run out
                        "mash.delivery.lease", "PT3S",
                        "mash.alerts.poll-interval", "PT0.2S",
                        "mash.alerts.coalesce-window", "PT0S"))) {
            gateway.start();
            for (int point = 1; point <= KILL_POINTS; point++) {
                long killAfter = 1_500 + random.nextInt(3_500);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = startLoad(gateway, running);
                Thread.sleep(killAfter);
                int mailsBefore = mail.received();
                gateway.kill();
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
                report.add("kill " + point + " after " + killAfter + " ms: " + tally() + ", " + mailsBefore
                        + " mails so far");
                gateway.start();
                resendUnanswered(gateway);
            }
            Set<String> casework = awaitCasework(gateway);
            awaitAlertMailQuiet(mail);
            gateway.stop();

            try (java.sql.Connection store = gateway.openStore()) {
                Map<String, String> caseworkOf = caseworkReferences(store);
                for (Exchange exchange : exchanges) {
                    if (exchange.responseStatus > 0) {
                        assertThat(caseworkOf).as("response %s stored", exchange.responseId)
                                .containsKey(exchange.responseId);
                        assertThat(casework).as("casework of %s on the queue", exchange.responseId)
                                .contains(caseworkOf.get(exchange.responseId));
                    }
                }
                assertThat(column(store, "SELECT status FROM delivery WHERE outbox_kind = 'CASEWORK'")).containsOnly("SENT");
                int resent = mail.assertDeliveredExactlyAsPlanned(store, requestReferences(store));
                int alerts = assertEveryAlertMailedOnce(store, mail);
                report.add(exchanges.size() + " exchanges over " + gateway.starts() + " starts, " + caseworkOf.size()
                        + " responses to the case system, " + resent + " request mails sent twice under the same "
                        + "Message-ID, " + alerts + " alerts mailed for " + forgedRefused.get() + " forgeries refused");
            }
        }
        System.out.println("Kill during the information exchange, seed " + SEED + "\n  " + String.join("\n  ", report));
    }

    /** Case system and agency clients going through request, answer and forged answer, back to back. */
    private ExecutorService startLoad(GatewayProcess gateway, AtomicBoolean running) {
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            GatewayClient caseSystem = gateway.client("casework");
            GatewayClient health = gateway.client("agency-HEALTH");
            GatewayClient socialCare = gateway.client("agency-CSC");
            load.submit(() -> {
                while (running.get()) {
                    Exchange exchange = new Exchange();
                    synchronized (exchanges) {
                        exchanges.add(exchange);
                    }
                    try {
                        exchange.requestStatus = accepted(caseSystem.postXml(REQUESTS, exchange.request));
                        exchange.responseStatus = accepted(health.postXml(RESPONSES, exchange.response));
                        Answer forged = socialCare.postXml(RESPONSES, ExchangeFixtures.response(
                                ExchangeFixtures.freshId("HEALTH-RSP"), exchange.requestId, "HEALTH", "Forged.", null));
                        assertThat(forged.status()).isEqualTo(403);
                        forgedRefused.incrementAndGet();
                    } catch (IllegalStateException noAnswer) {
                        // the gateway died under the request: sent again after the restart
                    }
                }
            });
        }
        return load;
    }

    private static int accepted(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isIn(200, 202);
        return answer.status();
    }

    private void resendUnanswered(GatewayProcess gateway) {
        GatewayClient caseSystem = gateway.client("casework");
        GatewayClient health = gateway.client("agency-HEALTH");
        for (Exchange exchange : List.copyOf(exchanges)) {
            if (exchange.requestStatus == 0) {
                exchange.requestStatus = accepted(caseSystem.postXml(REQUESTS, exchange.request));
            }
            if (exchange.responseStatus == 0) {
                exchange.responseStatus = accepted(health.postXml(RESPONSES, exchange.response));
            }
        }
    }

    private String tally() {
        long answered = exchanges.stream().filter(exchange -> exchange.responseStatus > 0).count();
        return answered + " of " + exchanges.size() + " responses answered, " + forgedRefused.get() + " forgeries refused";
    }

    /** Reads mash.out.casework as the case system until every answered response has reached it. */
    private Set<String> awaitCasework(GatewayProcess gateway) throws Exception {
        long expected = exchanges.stream().filter(exchange -> exchange.responseStatus > 0).count();
        Set<String> references = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + gateway.brokerPort());
                Connection connection = factory.createConnection("MASH", "demo")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerAddresses.CASEWORK),
                    "MashDocumentType = 'InformationResponse'");
            while (references.size() < expected && System.nanoTime() < deadline) {
                Message message = consumer.receive(1_000);
                if (message != null) {
                    references.add(message.getStringProperty("MashReference"));
                }
            }
        }
        return references;
    }

    /** Alerts are mailed every 0.2 s: two seconds without a new alert mail and the outbox is empty. */
    private static void awaitAlertMailQuiet(SentMail mail) throws InterruptedException {
        int before = -1;
        while (alertMails(mail).size() != before) {
            before = alertMails(mail).size();
            Thread.sleep(2_000);
        }
    }

    private static Map<String, List<MimeMessage>> alertMails(SentMail mail) {
        Map<String, List<MimeMessage>> alerts = new TreeMap<>();
        mail.byMessageId().forEach((id, copies) -> {
            if (id.startsWith("<alert-")) {
                alerts.put(id, copies);
            }
        });
        return alerts;
    }

    /**
     * Every refusal left its alert; every alert is marked mailed and lies in the range of one alert
     * mail of its code, never in two with different Message-IDs.
     *
     * @return how many alerts the store holds
     */
    private int assertEveryAlertMailedOnce(java.sql.Connection store, SentMail mail) throws Exception {
        Map<Long, String> codes = new TreeMap<>();
        try (PreparedStatement query = store.prepareStatement("SELECT alert_id, reason_code, mailed_at FROM alert");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                assertThat(rows.getObject(3)).as("alert %d mailed", rows.getLong(1)).isNotNull();
                codes.put(rows.getLong(1), rows.getString(2));
            }
        }
        assertThat(codes.values().stream().filter("FROM_AGENCY_MISMATCH"::equals).count())
                .as("an alert for every forgery refused").isGreaterThanOrEqualTo(forgedRefused.get());
        Map<Long, List<String>> mailedIn = new TreeMap<>();
        for (Map.Entry<String, List<MimeMessage>> alertMail : alertMails(mail).entrySet()) {
            Matcher range = ALERT_MAIL.matcher(alertMail.getKey());
            assertThat(range.matches()).as(alertMail.getKey()).isTrue();
            String code = alertMail.getValue().get(0).getSubject().replace("OFFICIAL-SENSITIVE: Alert ", "");
            for (long id = Long.parseLong(range.group(1)); id <= Long.parseLong(range.group(2)); id++) {
                if (code.equals(codes.get(id))) {
                    mailedIn.computeIfAbsent(id, key -> new ArrayList<>()).add(alertMail.getKey());
                }
            }
        }
        for (Long id : codes.keySet()) {
            assertThat(mailedIn.get(id)).as("Message-IDs of the mails holding alert %d", id).hasSize(1);
        }
        return codes.size();
    }

    private static Map<String, String> caseworkReferences(java.sql.Connection store) throws Exception {
        Map<String, String> references = new TreeMap<>();
        try (PreparedStatement query = store.prepareStatement(
                "SELECT response_id, casework_reference FROM information_response");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                references.put(rows.getString(1), rows.getString(2));
            }
        }
        return references;
    }

    private List<String> requestReferences(java.sql.Connection store) throws Exception {
        Map<String, String> stored = new TreeMap<>();
        try (PreparedStatement query = store.prepareStatement("SELECT request_id, reference FROM information_request");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getString(2));
            }
        }
        List<String> answered = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            if (exchange.requestStatus > 0) {
                assertThat(stored).as("request %s stored", exchange.requestId).containsKey(exchange.requestId);
                answered.add(stored.get(exchange.requestId));
            }
        }
        return answered;
    }

    private static List<String> column(java.sql.Connection store, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = store.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
