package org.mashgateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.benchmark.CryptoFloor.RecipientKeys;
import org.mashgateway.benchmark.Load.Outcome;
import org.mashgateway.benchmark.Load.Phase;
import org.mashgateway.benchmark.Load.Sample;
import org.mashgateway.protection.DemoProtection;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.Outgoing;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayProcess;
import org.mashgateway.support.TestDatabase;

/**
 * The packaged gateway measured as operators run it: {@code java -Xmx512m -jar} in a process of its
 * own on its embedded defaults (broker, database, demo certificates), driven over mutual TLS by this
 * JVM with the standard workload and delivering by SMTP to a GreenMail server in this JVM. The
 * gateway's CPU time and memory are read from {@code /proc/<pid>} of its process alone, so the load
 * generator and the mail server are not in its figures. Once the gateway has stopped, the crypto
 * floor (signing and encrypting the same outputs with the same demo keys, nothing else) is measured
 * in this JVM, and the ratio of the two CPU times printed.
 *
 * <p>Needs the jar: {@code ./mvnw -B -o package -DskipTests} first (docs/performance.md). Gateway
 * properties can be passed as {@code -Dbench.set.<property>=<value>}, JVM options of the gateway as
 * {@code -Dmash.gateway.jvm-options="..."} (a flight recording, a CDS archive).
 */
@Tag("benchmark")
class JarBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    /**
     * Load before the measured phases: on two cores the JIT compilers are still busy after 15 s (a
     * third of the gateway's CPU in the phase after it), while a production node runs for days.
     */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 60);
    private static final int THROUGHPUT_SECONDS = Integer.getInteger("bench.throughput-seconds", 20);
    private static final int THROUGHPUT_MAX = Integer.getInteger("bench.throughput-notifications", 1000);
    private static final int STEADY_SECONDS = Integer.getInteger("bench.steady-seconds", 60);
    private static final int STEADY_RATE = Integer.getInteger("bench.steady-rate", 20);
    private static final String TUNING_PREFIX = "bench.set.";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
    private static final SecurityLabel LABEL = SecurityLabel.officialSensitive(SecurityLabel.PLACEHOLDER_POLICY_OID);
    /**
     * With {@code -Dmash.test.database=postgresql} the gateway runs on a PostgreSQL server of this
     * JVM's, as it is deployed (the database in processes of its own, whose CPU is shown apart).
     */
    private static final TestDatabase.Url POSTGRES = TestDatabase.isPostgres() ? TestDatabase.postgres() : null;

    @Test
    void measures_the_packaged_gateway_in_its_own_process() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(GatewayProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (GatewayProcess gateway = new GatewayProcess("benchmark", smtp.getSmtp().getPort(), tuning())) {
            long starting = System.nanoTime();
            gateway.start();
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            awaitReadiness(gateway.httpsPort());
            double readySeconds = (System.nanoTime() - starting) / 1e9;
            GatewayCounters counters = new GatewayCounters(gateway.pid());
            double idleRssMb = counters.memoryMb("VmRSS");
            Load load = new Load(CLIENTS, gateway.httpsPort());

            Phase warmUp = load.closedLoop(Duration.ofSeconds(WARMUP_SECONDS), Integer.MAX_VALUE);
            List<Outcome> warmUpOutcomes = drained(load, warmUp, smtp, counters).outcomes();
            long[] coldPostMicros = warmUp.accepted().stream().mapToLong(Sample::postMicros).sorted().toArray();

            long cpuBefore = counters.cpuMillis();
            long jitBefore = counters.jitMillis();
            long gcBefore = counters.gcMillis();
            long postgresBefore = postgresCpuMillis();
            int mailsBefore = smtp.getReceivedMessages().length;
            Phase throughput = load.closedLoop(Duration.ofSeconds(THROUGHPUT_SECONDS), THROUGHPUT_MAX);
            Drained throughputDrained = drained(load, throughput, smtp, counters);
            List<Outcome> throughputOutcomes = throughputDrained.outcomes();
            int accepted = throughput.accepted().size();
            double cpuPerNotification = (double) (throughputDrained.cpuMillisAtLastMail() - cpuBefore) / accepted;
            double jitPerNotification = (double) (counters.jitMillis() - jitBefore) / accepted;
            double gcPerNotification = (double) (counters.gcMillis() - gcBefore) / accepted;
            double postgresPerNotification = (double) (postgresCpuMillis() - postgresBefore) / accepted;
            long lastSent = throughputOutcomes.stream().mapToLong(Outcome::lastSentMillis).max().orElseThrow();
            double seconds = (lastSent - throughput.firstPostMillis()) / 1000.0;
            int sent = throughputOutcomes.stream().mapToInt(Outcome::sent).sum();
            int mailsReceived = smtp.getReceivedMessages().length - mailsBefore;

            Phase steady = load.openLoop(STEADY_RATE, Duration.ofSeconds(STEADY_SECONDS));
            List<Outcome> steadyOutcomes = drained(load, steady, smtp, counters).outcomes();
            long[] postMicros = steady.accepted().stream().mapToLong(Sample::postMicros).sorted().toArray();
            long[] toLastMail = steadyOutcomes.stream().mapToLong(o -> o.lastSentMillis() - o.sample().answeredMillis())
                    .sorted().toArray();
            double peakRssMb = counters.memoryMb("VmHWM");
            double endRssMb = counters.memoryMb("VmRSS");
            int threads = counters.threads();

            // The floor runs in this JVM once the gateway has stopped, so that neither takes CPU from the other.
            gateway.stop();
            List<Outgoing> outputs = CryptoFloor.outputs(demoKeys(warmUpOutcomes.get(0).recipients()), LABEL);
            MessageProtection protection = DemoProtection.gateway();
            // The floor's own warm-up: in a JVM that has not signed anything yet the first seconds
            // cost two to three times the warm figure (JIT).
            CryptoFloor.measure(protection, outputs, Duration.ofSeconds(20));
            CryptoFloor.Measured floor = CryptoFloor.measure(protection, outputs,
                    Duration.ofMillis(Math.max(10_000, (long) (seconds * 1000))));

            StringBuilder t = new StringBuilder();
            t.append("\n=== mash-gateway benchmark: the packaged jar in its own process ===\n");
            t.append(String.format(Locale.ROOT, "cores %d, JVM %s, gateway: java -Xmx512m -jar %s, tuning: %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    gateway.jar().getFileName(), tuningText()));
            t.append("figures of the gateway process only (/proc/").append(gateway.pid())
                    .append("); clients and SMTP server run in the benchmark's JVM\n\n");
            row(t, "figure", "value", "bar");
            row(t, "------", "-----", "---");
            row(t, "start: process launched to \"Started\"", f(startSeconds) + " s", "");
            row(t, "ready: process launched to /actuator/health/readiness UP", f(readySeconds) + " s", "");
            row(t, "RSS after start, idle", f(idleRssMb) + " MB", "");
            row(t, "first " + WARMUP_SECONDS + " s after start, " + CLIENTS + " clients: accepted / POST p50 / p99 / max",
                    warmUp.accepted().size() + " / " + f(Load.percentile(coldPostMicros, 50) / 1000.0) + " / "
                            + f(Load.percentile(coldPostMicros, 99) / 1000.0) + " / "
                            + f(Load.percentile(coldPostMicros, 100) / 1000.0) + " ms", "");
            row(t, "throughput: clients / accepted / refused", CLIENTS + " / " + accepted + " / " + throughput.refused(), "");
            row(t, "mails per notification observed", f((double) sent / accepted) + " (" + sent + " sent, "
                    + mailsReceived + " received by SMTP)", "4 in the standard workload");
            row(t, "notifications/s end to end (first POST to last mail)", f(accepted / seconds), ">= 84");
            row(t, "mails/s end to end", f(sent / seconds), ">= 335");
            row(t, "gateway CPU ms per notification, throughput phase", f2(cpuPerNotification), "");
            row(t, "  of which the JIT compilers / the garbage collector", f2(jitPerNotification) + " / "
                    + f2(gcPerNotification) + " (until drained)", "");
            row(t, "crypto floor CPU ms per notification (" + CryptoFloor.THREADS + " threads, "
                    + outputs.size() + " outputs, " + f(floor.seconds()) + " s, this JVM)", f2(floor.cpuMillisPerNotification()), "");
            row(t, "ratio by CPU time: floor CPU / gateway CPU", f2(floor.cpuMillisPerNotification() / cpuPerNotification),
                    ">= 0.40, then 0.50");
            row(t, "  the same without the JIT compilers (a node long started)",
                    f2(floor.cpuMillisPerNotification() / (cpuPerNotification - jitPerNotification)), "");
            if (POSTGRES != null) {
                row(t, "PostgreSQL CPU ms per notification (its own processes, until drained)",
                        f2(postgresPerNotification), "");
                row(t, "ratio counting PostgreSQL's CPU too: floor / (gateway + PostgreSQL)",
                        f2(floor.cpuMillisPerNotification() / (cpuPerNotification + postgresPerNotification)), "");
            }
            row(t, "steady: target rate / achieved / accepted / refused", STEADY_RATE + "/s for " + STEADY_SECONDS
                    + " s / " + f(steady.achievedRate()) + "/s / " + steady.accepted().size() + " / " + steady.refused(), "");
            row(t, "POST latency p50", f(Load.percentile(postMicros, 50) / 1000.0) + " ms", "");
            row(t, "POST latency p99", f(Load.percentile(postMicros, 99) / 1000.0) + " ms", "<= 50 ms");
            row(t, "202 to last mail (sentAt) p50", Load.percentile(toLastMail, 50) + " ms", "<= 100 ms");
            row(t, "202 to last mail (sentAt) p99", Load.percentile(toLastMail, 99) + " ms", "<= 500 ms");
            row(t, "202 to last mail (sentAt) max", Load.percentile(toLastMail, 100) + " ms", "");
            row(t, "peak RSS of the gateway (VmHWM)", f(peakRssMb) + " MB", "<= 768 MB");
            row(t, "RSS of the gateway at the end (VmRSS)", f(endRssMb) + " MB", "");
            row(t, "gateway threads at the end", String.valueOf(threads), "");
            String table = t.toString();
            System.out.println(table);
            Path out = Path.of("target", "benchmark", "jar-report-" + Instant.now().toString().replace(':', '-') + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table, StandardCharsets.UTF_8);

            assertThat(throughput.refused() + steady.refused()).as("notifications refused").isZero();
            for (List<Outcome> phase : List.of(warmUpOutcomes, throughputOutcomes, steadyOutcomes)) {
                assertThat(phase).as("every accepted notification delivered to every recipient")
                        .allSatisfy(o -> assertThat(o.sent()).isEqualTo(o.recipients().size()).isGreaterThanOrEqualTo(3));
            }
        } finally {
            smtp.stop();
        }
    }

    /**
     * Waits until the phase's mails have all been sent: the SMTP server's count is watched (cheap, no
     * load on the gateway) and the status API read only once the count has stood still for a second.
     * Also gives the gateway's CPU time when the last mail arrived, before the idle wait.
     */
    private static Drained drained(Load load, Phase phase, GreenMail smtp, GatewayCounters counters) throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        int mails = -1;
        long changed = System.nanoTime();
        long cpuAtLastMail = counters.cpuMillis();
        while (System.nanoTime() < deadline) {
            int now = smtp.getReceivedMessages().length;
            if (now != mails) {
                mails = now;
                changed = System.nanoTime();
                cpuAtLastMail = counters.cpuMillis();
            } else if (System.nanoTime() - changed > 1_000_000_000L) {
                List<Outcome> outcomes = load.outcomes(phase);
                if (outcomes.stream().allMatch(o -> o.pending() == 0)) {
                    return new Drained(outcomes, cpuAtLastMail);
                }
                changed = System.nanoTime();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("deliveries still pending after " + DRAIN_TIMEOUT);
    }

    /** Readiness comes after the warm-up (warmup.WarmUp); the load starts only then, as a load balancer's would. */
    private static void awaitReadiness(int port) throws InterruptedException {
        GatewayClient client = GatewayClient.as(Load.FORCE, port);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (client.get("/actuator/health/readiness").status() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway was not ready within 2 minutes of its start");
    }

    /** The demo certificates (certs-example/) of the recipients the workload reached, such as AGENCY:CSC. */
    private static List<RecipientKeys> demoKeys(List<String> recipients) {
        return recipients.stream().map(recipient -> {
            String code = recipient.substring(recipient.indexOf(':') + 1);
            String file = (recipient.startsWith("AGENCY:") ? "agency-" : "school-") + code + ".crt";
            return new RecipientKeys(List.of(DemoProtection.certificate(file)), true);
        }).toList();
    }

    /**
     * The benchmark's own settings, then any {@code -Dbench.set.*}. The escalation and deadline
     * watches are put off: whether a school notification is within its margin of its DueBy (08:00
     * on the next school day) depends on the hour the benchmark runs. Between 07:00 and 08:00 on a
     * school day every unacknowledged one is escalated (its deputy's copy is a fifth mail) and every
     * one still waiting in the outbox at a check raises an at-risk alert, which made runs at
     * different hours incomparable (53.8 against 39.8 CPU ms per notification, same jar).
     * {@code -Dbench.set.mash.escalation.check-interval=PT1M} and
     * {@code -Dbench.set.mash.delivery.deadline-check-interval=PT1M} put them back.
     */
    private static Map<String, String> tuning() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("mash.escalation.check-interval", "PT24H");
        set.put("mash.delivery.deadline-check-interval", "PT24H");
        if (POSTGRES != null) {
            set.putAll(POSTGRES.properties());
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(TUNING_PREFIX)) {
                set.put(name.substring(TUNING_PREFIX.length()), System.getProperty(name));
            }
        }
        return set;
    }

    private static String tuningText() {
        Map<String, String> set = tuning();
        return set.isEmpty() ? "none (defaults)" : set.toString();
    }

    private static void row(StringBuilder t, String figure, String value, String bar) {
        t.append(String.format(Locale.ROOT, "| %-56s | %-38s | %-26s |%n", figure, value, bar));
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A phase's outcomes once all were sent, and the gateway's CPU time when the last mail arrived. */
    private record Drained(List<Outcome> outcomes, long cpuMillisAtLastMail) {}

    /**
     * CPU time of every process named {@code postgres} on this machine (the server of
     * {@link #POSTGRES}: postmaster, the pool's backends, writers), 0 without one. A backend that
     * ended took its time with it; the gateway's pool keeps its connections.
     */
    private static long postgresCpuMillis() throws IOException {
        if (POSTGRES == null) {
            return 0;
        }
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals("postgres")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return ticks * 10;
    }

    /** CPU time and memory of the gateway's process, from /proc (Linux). */
    private record GatewayCounters(long pid) {

        /** user + system time: fields 14 and 15 of /proc/<pid>/stat, in clock ticks (USER_HZ, 100 on Linux). */
        long cpuMillis() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10;
        }

        /** CPU time of the JIT compiler threads (C1, C2), from /proc/<pid>/task/<tid>/stat. */
        long jitMillis() throws IOException {
            return threadMillis(name -> name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler"));
        }

        /** CPU time of the garbage collector's threads (GC Thread#n, G1 ...). */
        long gcMillis() throws IOException {
            return threadMillis(name -> name.startsWith("GC Thread") || name.startsWith("G1 "));
        }

        private long threadMillis(java.util.function.Predicate<String> named) throws IOException {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException ended) {
                        continue;
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (named.test(name)) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                }
            }
            return ticks * 10;
        }

        double memoryMb(String key) throws IOException {
            return Long.parseLong(status(key).replaceAll("[^0-9]", "")) / 1024.0;
        }

        int threads() throws IOException {
            return Integer.parseInt(status("Threads").trim());
        }

        private String status(String key) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1);
                }
            }
            throw new IOException("no " + key + " in /proc/" + pid + "/status");
        }
    }
}
