package org.mashgateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.Notifications;
import tools.jackson.databind.JsonNode;

/**
 * The standard workload posted over mutual TLS by a police force's clients, as fast as answers come
 * (closed loop) or at a steady rate (open loop), and what the status API says became of each
 * notification. Both benchmarks drive the gateway through this, whether it runs in the benchmark's
 * JVM or as its own process.
 */
final class Load {

    static final String FORCE = "police-DERBYS";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String[] GIVEN = {"Jane", "Alice", "Maria", "Chloe", "Ruth", "Nadia", "Grace", "Leah"};
    private static final String[] FAMILY = {"Sample", "Example", "Testwell", "Placeholder", "Fictive", "Madeup"};

    private final List<GatewayClient> clients = new ArrayList<>();

    /** {@code count} clients of the demo force, each with its own TLS connection pool, on the gateway's HTTPS port. */
    Load(int count, int port) {
        for (int i = 0; i < count; i++) {
            clients.add(GatewayClient.as(FORCE, port));
        }
    }

    int clients() {
        return clients.size();
    }

    /** As fast as possible: each client posts its next notification as soon as the last one is answered. */
    Phase closedLoop(Duration length, int maxNotifications) throws Exception {
        ConcurrentLinkedQueue<Sample> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger issued = new AtomicInteger();
        AtomicLong clientCpu = new AtomicLong();
        long start = System.currentTimeMillis();
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (GatewayClient client : clients) {
                running.add(pool.submit(() -> {
                    long cpuBefore = THREADS.getCurrentThreadCpuTime();
                    while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxNotifications) {
                        post(client, accepted, refused);
                    }
                    clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuBefore);
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
        long end = System.currentTimeMillis();
        return new Phase(List.copyOf(accepted), refused.get(), start, end, clientCpu.get());
    }

    /** A steady arrival rate, whatever the answers' latency: late answers do not hold back the next POST. */
    Phase openLoop(int perSecond, Duration length) throws Exception {
        ConcurrentLinkedQueue<Sample> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong issued = new AtomicLong();
        long total = perSecond * length.toSeconds();
        ExecutorService senders = Executors.newFixedThreadPool(clients.size());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.currentTimeMillis();
        ticker.scheduleAtFixedRate(() -> {
            long n = issued.getAndIncrement();
            if (n < total) {
                senders.execute(() -> post(clients.get((int) (n % clients.size())), accepted, refused));
            }
        }, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
        while (issued.get() < total) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
        senders.shutdown();
        assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        long end = System.currentTimeMillis();
        return new Phase(List.copyOf(accepted), refused.get(), start, end, 0);
    }

    private static void post(GatewayClient client, Collection<Sample> accepted, AtomicInteger refused) {
        Notifications notification = standardWorkload();
        String xml = notification.xml();
        long postStart = System.currentTimeMillis();
        long started = System.nanoTime();
        Answer answer = client.postXml("/api/v1/notifications", xml);
        long micros = (System.nanoTime() - started) / 1_000;
        long answered = System.currentTimeMillis();
        if (answer.status() == 202) {
            accepted.add(new Sample(notification.id(), postStart, micros, answered));
        } else {
            refused.incrementAndGet();
        }
    }

    /** Each accepted notification's deliveries as the status API reports them, read in parallel. */
    List<Outcome> outcomes(Phase phase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<Outcome>> reads = new ArrayList<>();
            int i = 0;
            for (Sample sample : phase.accepted()) {
                GatewayClient client = clients.get(i++ % clients.size());
                reads.add(pool.submit(() -> outcome(client, sample)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> read : reads) {
                outcomes.add(read.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    private static Outcome outcome(GatewayClient client, Sample sample) {
        JsonNode status = client.get("/api/v1/notifications/" + sample.id()).json();
        List<String> recipients = new ArrayList<>();
        long lastSent = Long.MIN_VALUE;
        int sent = 0;
        int pending = 0;
        for (JsonNode delivery : status.path("deliveries")) {
            String state = delivery.path("status").asText();
            if ("NOT_SHARED".equals(state)) {
                continue;
            }
            recipients.add(delivery.path("recipientType").asText() + ":" + delivery.path("recipient").asText());
            if ("SENT".equals(state)) {
                sent++;
                lastSent = Math.max(lastSent, Instant.parse(delivery.path("sentAt").asText()).toEpochMilli());
            } else if ("PENDING".equals(state)) {
                pending++;
            }
        }
        return new Outcome(sample, recipients, sent, pending, lastSent);
    }

    /**
     * The sample da-notification-high.xml with a fresh id and names: a school-age child and a younger
     * one. Created now, as live traffic is: with the sample's past CreatedAt every HIGH agency copy
     * would be overdue at once and the escalation watch would alert each one, which is not the workload.
     */
    static Notifications standardWorkload() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String family = FAMILY[random.nextInt(FAMILY.length)];
        return new Notifications().noChildren()
                .createdAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .victim(GIVEN[random.nextInt(GIVEN.length)], family, "1991-05-02")
                .perpetrator("John", FAMILY[random.nextInt(FAMILY.length)])
                .child("Amy", family, "2016-03-14", "100001")
                .child("Ben", family, "2023-01-30", null);
    }

    /** Nearest-rank percentile of sorted values; -1 when there are none. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** One accepted POST: wall-clock times in ms (comparable with sentAt), the POST's own latency in us. */
    record Sample(String id, long postStartMillis, long postMicros, long answeredMillis) {}

    /** One phase's accepted POSTs and how many were refused. */
    record Phase(List<Sample> accepted, int refused, long startMillis, long endMillis, long clientCpuNanos) {
        long firstPostMillis() {
            return accepted.stream().mapToLong(Sample::postStartMillis).min().orElse(startMillis);
        }

        double achievedRate() {
            return accepted.size() / ((endMillis - startMillis) / 1000.0);
        }
    }

    /** What the status API says of one accepted notification's mails. */
    record Outcome(Sample sample, List<String> recipients, int sent, int pending, long lastSentMillis) {}
}
