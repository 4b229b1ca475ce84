package org.mashgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An Artemis broker in a JVM of its own, configured as an operator would configure one outside
 * the gateway: {@code src/test/resources/external-broker/broker.xml}, users and roles by JAAS
 * property files, the gateway's user with a password made for this broker. {@link #kill} is
 * SIGKILL; {@link #start} again opens the same journal.
 */
public final class ExternalBroker implements AutoCloseable {

    public static final String GATEWAY_USER = "mash-gateway";

    private static final String STARTED = "MASH-EXTERNAL-BROKER-STARTED";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> FILES = List.of("broker.xml", "login.config", "roles.properties");

    private final Path folder;
    private final int port;
    private final int maxDeliveryAttempts;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Process process;
    private int starts;

    public ExternalBroker(Path folder, int maxDeliveryAttempts) {
        this.folder = folder;
        this.port = freePort();
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String password() {
        return password;
    }

    /** Connects the gateway to this broker as production does: native mode, nothing embedded. */
    public void connect(DynamicPropertyRegistry registry) {
        registry.add("spring.artemis.mode", () -> "native");
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("spring.artemis.broker-url", this::url);
        registry.add("spring.artemis.user", () -> GATEWAY_USER);
        registry.add("spring.artemis.password", this::password);
    }

    public ExternalBroker start() {
        starts++;
        Path log = folder.resolve("broker-" + starts + ".log");
        try {
            Files.createDirectories(folder);
            for (String file : FILES) {
                try (InputStream in = ExternalBroker.class.getResourceAsStream("/external-broker/" + file)) {
                    Files.copy(in, folder.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(folder.resolve("users.properties"), GATEWAY_USER + "=" + password + "\n",
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Djava.security.auth.login.config=" + folder.resolve("login.config"),
                    "-Dmash.broker.data=" + folder.resolve("data"),
                    "-Dmash.broker.port=" + port,
                    "-Dmash.broker.max-delivery-attempts=" + maxDeliveryAttempts,
                    "-cp", System.getProperty("java.class.path"),
                    ExternalBroker.class.getName(), folder.resolve("broker.xml").toUri().toString()));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = read(log);
            if (output.contains(STARTED)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the broker exited while starting:\n" + output);
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the broker did not start within " + START_TIMEOUT + ":\n" + read(log));
    }

    /** SIGKILL. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** The broker's JVM: the configuration file's URL is the only argument; the rest are system properties. */
    public static void main(String[] args) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfigResourcePath(args[0]);
        broker.setSecurityManager(new ActiveMQJAASSecurityManager("activemq"));
        broker.start();
        System.out.println(STARTED);
        Thread.currentThread().join();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
