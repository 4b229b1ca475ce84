package org.mashgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code target/mash-gateway-*.jar}) run as its own process, as operators run
 * it, on its demo defaults with free ports and a data directory of its own, so that a test can kill
 * it with SIGKILL ({@link Process#destroyForcibly()}) and start it again on the same data.
 *
 * <p>It delivers by SMTP to a server of the test's ({@code mash.mail.smtp.port}); the demo mail
 * server and the IMAP poller are off. Each start logs to {@code gateway-<n>.log} in the run's folder.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String STARTED = "Started MashGatewayApplication";

    private final Path jar;
    private final Path folder;
    private final int httpsPort = freePort();
    private final int brokerPort = freePort();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Process process;
    private int starts;
    private volatile boolean started;

    /**
     * @param name the run's folder under {@code target/kill/}
     * @param smtpPort where the test's SMTP server listens
     * @param extra further gateway properties (they override the ones set here)
     */
    public GatewayProcess(String name, int smtpPort, Map<String, String> extra) {
        this.jar = packagedJar();
        this.folder = Path.of("target", "kill", name + "-" + System.currentTimeMillis()).toAbsolutePath();
        properties.put("server.port", String.valueOf(httpsPort));
        properties.put("mash.public-base-url", "https://localhost:" + httpsPort);
        properties.put("mash.data-dir", folder.resolve("data").toString());
        properties.put("mash.broker.port", String.valueOf(brokerPort));
        properties.put("mash.demo.mail.enabled", "false");
        properties.put("mash.mail.imap.enabled", "false");
        properties.put("mash.mail.smtp.port", String.valueOf(smtpPort));
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(extra);
    }

    /** Starts the gateway and waits until it has started (routes, pollers and listeners up). */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        Path log = folder.resolve("gateway-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m"));
        // For measurements of the jar itself, such as a flight recording: -Dmash.gateway.jvm-options="..."
        String jvmOptions = System.getProperty("mash.gateway.jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(folder);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (read(log).contains(STARTED)) {
                started = true;
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + " while starting:\n" + tail(log));
            }
            pause(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the gateway did not start within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /**
     * Runs the jar's {@code verify-audit} command with this node's settings (its database): 0 when
     * the decision chain is intact. Its output goes to {@code verify-audit.log} in the run's folder.
     */
    public int verifyAudit() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString(), "verify-audit"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process verify = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("verify-audit.log").toFile()).start();
        if (!verify.waitFor(3, TimeUnit.MINUTES)) {
            verify.destroyForcibly();
            throw new AssertionError("verify-audit did not finish within 3 minutes");
        }
        return verify.exitValue();
    }

    /** Whether the gateway has started and its process is alive. */
    public boolean running() {
        return started && process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful anything. */
    public void kill() {
        started = false;
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the graceful stop, so that the test can open the store afterwards. */
    public void stop() {
        started = false;
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** The embedded H2 database, opened by this JVM; only while the gateway is stopped. */
    public Connection openStore() throws SQLException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the gateway holds the store while it runs");
        }
        return DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("data/db/mash")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "mash", "mash");
    }

    public int httpsPort() {
        return httpsPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public Path jar() {
        return jar;
    }

    /** The running gateway's process id, for reading its CPU and memory under /proc. */
    public long pid() {
        return process.pid();
    }

    public int starts() {
        return starts;
    }

    public GatewayClient client(String demoIdentity) {
        return GatewayClient.as(demoIdentity, httpsPort);
    }

    /** A free loopback port, for the test's own servers. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Failsafe names the jar it packaged; run from an IDE, the newest one under target/. */
    private static Path packagedJar() {
        String named = System.getProperty("mash.jar");
        Path jar = named != null ? Path.of(named) : newestJarUnderTarget();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged gateway at " + jar + ": run ./mvnw verify (or package first)");
        }
        return jar.toAbsolutePath();
    }

    private static Path newestJarUnderTarget() {
        try (var jars = Files.list(Path.of("target"))) {
            return jars.filter(path -> path.getFileName().toString().matches("mash-gateway-.*\\.jar"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElse(Path.of("target", "mash-gateway.jar"));
        } catch (IOException e) {
            return Path.of("target", "mash-gateway.jar");
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A process's log so far; empty while it does not exist or cannot be read. */
    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
