package org.mashgateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.benchmark.CryptoFloor.RecipientKeys;
import org.mashgateway.benchmark.Load.Outcome;
import org.mashgateway.benchmark.Load.Phase;
import org.mashgateway.benchmark.Load.Sample;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.Outgoing;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.ThisProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Measures the gateway against the "Speed and memory" bars of quality.md: the embedded gateway (in
 * this JVM) receives the standard workload over mutual TLS from a police client and delivers by SMTP
 * to a GreenMail server, also in this JVM; the crypto floor (sign and encrypt only, same keys) is
 * measured in the same JVM and run.
 *
 * <p>"Mail accepted by SMTP" is the delivery's {@code sentAt} from the status API, which the gateway
 * records when the SMTP server has accepted the mail. Tuning properties can be passed to the gateway
 * as {@code -Dbench.set.<property>=<value>}.
 */
@Tag("benchmark")
class GatewayBenchmark extends GatewayTest {

    private static final int SMTP_PORT = freePort();
    private static final GreenMail SMTP = startSmtp();
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 15);
    private static final int THROUGHPUT_SECONDS = Integer.getInteger("bench.throughput-seconds", 20);
    private static final int THROUGHPUT_MAX = Integer.getInteger("bench.throughput-notifications", 1000);
    private static final int STEADY_SECONDS = Integer.getInteger("bench.steady-seconds", 60);
    private static final int STEADY_RATE = Integer.getInteger("bench.steady-rate", 20);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String TUNING_PREFIX = "bench.set.";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageProtection protection;

    @Autowired
    Directory directory;

    @Autowired
    SecurityLabel label;

    private Load load;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        // As in JarBenchmark: watches whose work depends on the hour of the run are put off.
        for (String watch : List.of("mash.escalation.check-interval", "mash.delivery.deadline-check-interval")) {
            if (System.getProperty(TUNING_PREFIX + watch) == null) {
                registry.add(watch, () -> "PT24H");
            }
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(TUNING_PREFIX)) {
                registry.add(name.substring(TUNING_PREFIX.length()), () -> System.getProperty(name));
            }
        }
    }

    @AfterAll
    static void mailServerDown() {
        SMTP.stop();
    }

    @Test
    void measures_throughput_latency_crypto_floor_and_memory_of_the_standard_workload() throws Exception {
        load = new Load(CLIENTS, port);

        Phase warmUp = load.closedLoop(Duration.ofSeconds(WARMUP_SECONDS), Integer.MAX_VALUE);
        awaitDrained();
        List<Outcome> warmUpOutcomes = load.outcomes(warmUp);
        List<Outgoing> outputs = outputsLike(warmUpOutcomes.get(0).recipients());
        CryptoFloor.measure(protection, outputs, Duration.ofSeconds(3));

        int mailsBefore = SMTP.getReceivedMessages().length;
        long cpuBefore = ThisProcess.cpuNanos();
        Map<Long, Long> benchmarkThreadsBefore = benchmarkSideThreadCpu();
        Phase throughput = load.closedLoop(Duration.ofSeconds(THROUGHPUT_SECONDS), THROUGHPUT_MAX);
        awaitDrained();
        double throughputCpuMs = (ThisProcess.cpuNanos() - cpuBefore) / 1e6;
        double benchmarkSideCpuMs = (throughput.clientCpuNanos()
                + cpuSince(benchmarkThreadsBefore, benchmarkSideThreadCpu())) / 1e6;
        int mailsInThroughput = SMTP.getReceivedMessages().length - mailsBefore;
        List<Outcome> throughputOutcomes = load.outcomes(throughput);
        long lastSent = throughputOutcomes.stream().mapToLong(Outcome::lastSentMillis).max().orElseThrow();
        double endToEndSeconds = (lastSent - throughput.firstPostMillis()) / 1000.0;
        int accepted = throughput.accepted().size();
        int sent = throughputOutcomes.stream().mapToInt(Outcome::sent).sum();

        Duration floorDuration = Duration.ofMillis(Math.max(10_000, lastSent - throughput.firstPostMillis()));
        CryptoFloor.Measured measured = CryptoFloor.measure(protection, outputs, floorDuration);
        double floorCpuPerNotification = measured.cpuMillisPerNotification();
        double floor = measured.perSecond();

        Phase steady = load.openLoop(STEADY_RATE, Duration.ofSeconds(STEADY_SECONDS));
        awaitDrained();
        List<Outcome> steadyOutcomes = load.outcomes(steady);
        long[] postMicros = steady.accepted().stream().mapToLong(Sample::postMicros).sorted().toArray();
        long[] toLastMailMillis = steadyOutcomes.stream().mapToLong(o -> o.lastSentMillis() - o.sample().answeredMillis())
                .sorted().toArray();

        Report report = new Report(CLIENTS, accepted, throughput.refused(), throughput.achievedRate(), sent, mailsInThroughput, endToEndSeconds,
                floor, outputs.size(), floorDuration, STEADY_RATE, STEADY_SECONDS, steady.accepted().size(),
                steady.refused(), steady.achievedRate(), postMicros, toLastMailMillis, ThisProcess.memoryMb("VmHWM"),
                ThisProcess.memoryMb("VmRSS"), Runtime.getRuntime().maxMemory(), tuning(), throughputCpuMs / accepted,
                (throughputCpuMs - benchmarkSideCpuMs) / accepted, floorCpuPerNotification);
        String table = report.table();
        System.out.println(table);
        Path out = Path.of("target", "benchmark", "report-" + Instant.now().toString().replace(':', '-') + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);

        assertThat(throughput.refused()).as("notifications refused in the throughput phase").isZero();
        assertThat(steady.refused()).as("notifications refused in the steady phase").isZero();
        for (List<Outcome> phase : List.of(warmUpOutcomes, throughputOutcomes, steadyOutcomes)) {
            assertThat(phase).as("every accepted notification delivered to every recipient")
                    .allSatisfy(o -> assertThat(o.sent()).isEqualTo(o.recipients().size()).isGreaterThanOrEqualTo(3));
        }
    }

    private void awaitDrained() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Integer pending = jdbc.queryForObject("SELECT count(*) FROM delivery WHERE status = 'PENDING'", Integer.class);
            if (pending != null && pending == 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("deliveries still pending after 3 minutes");
    }

    /** One output per recipient the workload really reached, with that recipient's certificates and cipher. */
    private List<Outgoing> outputsLike(List<String> recipients) {
        List<RecipientKeys> keys = new ArrayList<>();
        for (String recipient : recipients) {
            String code = recipient.substring(recipient.indexOf(':') + 1);
            if (recipient.startsWith("AGENCY:")) {
                Agency agency = directory.agency(code).orElseThrow();
                keys.add(new RecipientKeys(agency.certificates(), agency.gcmCapable()));
            } else {
                keys.add(new RecipientKeys(directory.school(code).orElseThrow().certificates(), true));
            }
        }
        return CryptoFloor.outputs(keys, label);
    }

    /**
     * CPU time of the live threads that belong to the benchmark rather than the gateway: the HTTPS
     * clients' selector threads, GreenMail's server and connection threads and the main thread
     * (which polls the outbox). A thread that ended during the phase is counted as the gateway's.
     */
    private static Map<Long, Long> benchmarkSideThreadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && isBenchmarkSide(thread.getThreadName())) {
                cpu.put(thread.getThreadId(), THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return cpu;
    }

    private static boolean isBenchmarkSide(String name) {
        return name.startsWith("HttpClient") || name.startsWith("smtp") || name.equals("main");
    }

    private static long cpuSince(Map<Long, Long> before, Map<Long, Long> after) {
        long total = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            total += Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
        }
        return total;
    }

    private static String tuning() {
        List<String> set = new ArrayList<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(TUNING_PREFIX)) {
                set.add(name.substring(TUNING_PREFIX.length()) + "=" + System.getProperty(name));
            }
        }
        return set.isEmpty() ? "none (defaults)" : String.join(", ", set);
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures and the table printed at the end. */
    private record Report(int clients, int accepted, int refused, double postingRate, int sent, int mailsReceived, double seconds,
            double floor, int outputsPerNotification, Duration floorLength, int steadyRate, int steadySeconds,
            int steadyAccepted, int steadyRefused, double steadyAchieved, long[] postMicros, long[] toLastMailMillis,
            double peakRssMb, double rssMb, long maxHeap, String tuning, double cpuPerNotification,
            double gatewayCpuPerNotification, double floorCpuPerNotification) {

        String table() {
            double notificationsPerSecond = accepted / seconds;
            double mailsPerNotification = (double) sent / accepted;
            StringBuilder t = new StringBuilder();
            t.append("\n=== mash-gateway benchmark (quality.md \"Speed and memory\") ===\n");
            t.append(String.format(Locale.ROOT, "cores %d, JVM %s, max heap %d MB, tuning: %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), maxHeap >> 20, tuning));
            t.append("gateway, GreenMail SMTP and HTTPS clients all run in this one JVM\n\n");
            row(t, "figure", "value", "bar");
            row(t, "------", "-----", "---");
            row(t, "throughput: clients / notifications accepted / refused",
                    clients + " / " + accepted + " / " + refused, "");
            row(t, "mails per notification observed", f(mailsPerNotification) + " (" + sent + " sent, "
                    + mailsReceived + " received by SMTP)", "4 in the standard workload");
            row(t, "posting: accepted per second while posting", f(postingRate) + "/s", "");
            row(t, "end to end, first POST to last mail accepted", f(seconds) + " s", "");
            row(t, "notifications/s end to end", f(notificationsPerSecond), ">= 0.5 x floor and >= 84");
            row(t, "mails/s end to end", f(sent / seconds), ">= 335");
            row(t, "crypto floor notifications/s (" + CryptoFloor.THREADS + " threads, " + outputsPerNotification
                    + " outputs each, " + floorLength.toSeconds() + " s)", f(floor), "");
            row(t, "crypto floor mails/s", f(floor * outputsPerNotification), "");
            row(t, "ratio end to end / floor", String.format(Locale.ROOT, "%.2f", notificationsPerSecond / floor), ">= 0.50");
            row(t, "CPU ms per notification, whole JVM, throughput phase", f2(cpuPerNotification), "");
            row(t, "CPU ms per notification, gateway threads (see below)", f2(gatewayCpuPerNotification), "");
            row(t, "CPU ms per notification, crypto floor", f2(floorCpuPerNotification), "");
            row(t, "ratio by CPU time: floor CPU / end-to-end CPU", f2(floorCpuPerNotification / cpuPerNotification),
                    "(robust to other load)");
            row(t, "ratio by CPU time: floor CPU / gateway CPU", f2(floorCpuPerNotification / gatewayCpuPerNotification),
                    ">= 0.50");
            row(t, "steady: target rate / achieved / accepted / refused", steadyRate + "/s for " + steadySeconds
                    + " s / " + f(steadyAchieved) + "/s / " + steadyAccepted + " / " + steadyRefused, "");
            row(t, "POST latency p50", f(Load.percentile(postMicros, 50) / 1000.0) + " ms", "");
            row(t, "POST latency p99", f(Load.percentile(postMicros, 99) / 1000.0) + " ms", "<= 50 ms");
            row(t, "202 to last mail (sentAt) p50", Load.percentile(toLastMailMillis, 50) + " ms", "<= 100 ms");
            row(t, "202 to last mail (sentAt) p99", Load.percentile(toLastMailMillis, 99) + " ms", "<= 500 ms");
            row(t, "202 to last mail (sentAt) max", Load.percentile(toLastMailMillis, 100) + " ms", "");
            row(t, "peak RSS (VmHWM) of the whole JVM", f(peakRssMb) + " MB", "<= 768 MB");
            row(t, "RSS at the end (VmRSS)", f(rssMb) + " MB", "");
            t.append("gateway CPU = whole JVM minus the client threads, HttpClient, GreenMail (smtp*) and main threads\n");
            return t.toString();
        }

        private static void row(StringBuilder t, String figure, String value, String bar) {
            t.append(String.format(Locale.ROOT, "| %-62s | %-38s | %-26s |%n", figure, value, bar));
        }

        private static String f2(double value) {
            return String.format(Locale.ROOT, "%.2f", value);
        }

        private static String f(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }
}
