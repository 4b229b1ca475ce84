package org.mashgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An Artemis broker in a JVM of its own, configured as an operator would configure one outside
 * the gateway: {@code src/test/resources/external-broker/broker.xml}, users and roles by JAAS
 * property files, the gateway's user and three partners' (a force, the case system, an agency)
 * with a password made for this broker.
 * Alone, or one of a shared-store HA {@link Pair}: the primary holds the journal's lock, the
 * backup waits for it and takes over when the primary dies. {@link #kill} is SIGKILL;
 * {@link #start} again opens the same journal; a primary started again while its backup serves
 * takes its place back (fail-back: the backup gives the journal up and waits again), and its
 * start returns once it serves.
 */
public final class ExternalBroker implements AutoCloseable {

    public static final String GATEWAY_USER = "mash-gateway";

    /** The force whose user the broker also knows, with the rights of a partner. */
    public static final String FORCE_USER = "DERBYS";

    /** The MASH case system's user and an agency's (roles.properties): partners of the other two kinds. */
    public static final List<String> PARTNER_USERS = List.of(FORCE_USER, "MASH", "HEALTH");

    /** A shared-store pair on one journal; {@link #url} lists both, so clients fail over. */
    public record Pair(ExternalBroker primary, ExternalBroker backup) implements AutoCloseable {

        public static Pair start(Path folder, int maxDeliveryAttempts) {
            int primaryPort = GatewayProcess.freePort();
            int backupPort = GatewayProcess.freePort();
            String password = newPassword();
            Path data = folder.resolve("shared-data");
            ExternalBroker primary = new ExternalBroker(folder.resolve("primary"), data, primaryPort, backupPort,
                    "primary", maxDeliveryAttempts, password).start();
            ExternalBroker backup = new ExternalBroker(folder.resolve("backup"), data, backupPort, primaryPort,
                    "backup", maxDeliveryAttempts, password).start();
            return new Pair(primary, backup);
        }

        /** Both brokers; reconnect for ever, as production's URL does (operations.md). */
        public String url() {
            return "(tcp://127.0.0.1:" + primary.port + ",tcp://127.0.0.1:" + backup.port
                    + ")?ha=true&reconnectAttempts=-1&retryInterval=100&retryIntervalMultiplier=1";
        }

        public void connect(DynamicPropertyRegistry registry) {
            primary.connect(registry, this::url);
        }

        /** The same, as properties of a gateway started as its own process ({@link GatewayProcess}). */
        public Map<String, String> gatewayProperties() {
            return Map.of("spring.artemis.mode", "native", "spring.artemis.embedded.enabled", "false",
                    "spring.artemis.broker-url", url(), "spring.artemis.user", GATEWAY_USER,
                    "spring.artemis.password", primary.password);
        }

        @Override
        public void close() {
            primary.close();
            backup.close();
        }
    }

    private static final String STARTED = "MASH-EXTERNAL-BROKER-STARTED";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> FILES = List.of("broker.xml", "login.config", "roles.properties");

    private final Path folder;
    private final Path data;
    private final int port;
    private final int otherPort;
    private final String role;
    private final int maxDeliveryAttempts;
    private final String password;
    private Process process;
    private int starts;

    /** A broker alone, its journal in {@code folder}. */
    public ExternalBroker(Path folder, int maxDeliveryAttempts) {
        this(folder, folder.resolve("data"), GatewayProcess.freePort(), 0, "alone", maxDeliveryAttempts, newPassword());
    }

    private ExternalBroker(Path folder, Path data, int port, int otherPort, String role, int maxDeliveryAttempts,
            String password) {
        this.folder = folder;
        this.data = data;
        this.port = port;
        this.otherPort = otherPort;
        this.role = role;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.password = password;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The password of every user of this broker (or pair): the gateway's and the partners'. */
    public String password() {
        return password;
    }

    /** Connects the gateway to this broker as production does: native mode, nothing embedded. */
    public void connect(DynamicPropertyRegistry registry) {
        connect(registry, this::url);
    }

    private void connect(DynamicPropertyRegistry registry, java.util.function.Supplier<Object> url) {
        registry.add("spring.artemis.mode", () -> "native");
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("spring.artemis.broker-url", url);
        registry.add("spring.artemis.user", () -> GATEWAY_USER);
        registry.add("spring.artemis.password", this::password);
    }

    private static String newPassword() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
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
            StringBuilder users = new StringBuilder(GATEWAY_USER + "=" + password + "\n");
            PARTNER_USERS.forEach(user -> users.append(user).append('=').append(password).append('\n'));
            Files.writeString(folder.resolve("users.properties"), users, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Djava.security.auth.login.config=" + folder.resolve("login.config"),
                    "-Dmash.broker.data=" + data,
                    "-Dmash.broker.port=" + port,
                    "-Dmash.broker.other-port=" + otherPort,
                    "-Dmash.broker.role=" + role,
                    "-Dmash.broker.cluster-password=" + password,
                    "-Dmash.broker.max-delivery-attempts=" + maxDeliveryAttempts,
                    "-cp", System.getProperty("java.class.path"),
                    ExternalBroker.class.getName(), folder.resolve("broker.xml").toUri().toString()));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = GatewayProcess.read(log);
            if (output.contains(STARTED)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the broker exited while starting:\n" + output);
            }
            GatewayProcess.pause(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the broker did not start within " + START_TIMEOUT + ":\n"
                + GatewayProcess.read(log));
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

    /**
     * The broker's JVM: the configuration file's URL is the only argument; the rest are system
     * properties. In a pair, each broker gets what broker.xml would say in its {@code ha-policy}
     * and {@code cluster-connections}: shared store, primary or backup, and a cluster connection to
     * the other, through which clients learn where to fail over.
     */
    public static void main(String[] args) throws Exception {
        FileConfiguration configuration = new FileConfiguration();
        new FileDeploymentManager(args[0]).addDeployable(configuration).readConfiguration();
        String role = System.getProperty("mash.broker.role");
        if (!"alone".equals(role)) {
            configuration.addConnectorConfiguration("self", "tcp://127.0.0.1:" + System.getProperty("mash.broker.port"));
            configuration.addConnectorConfiguration("other",
                    "tcp://127.0.0.1:" + System.getProperty("mash.broker.other-port"));
            configuration.addClusterConfiguration(new ClusterConnectionConfiguration()
                    .setName("mash-pair")
                    .setConnectorName("self")
                    .setStaticConnectors(List.of("other"))
                    .setRetryInterval(100)
                    .setReconnectAttempts(-1));
            configuration.setClusterUser(GATEWAY_USER);
            configuration.setClusterPassword(System.getProperty("mash.broker.cluster-password"));
            configuration.setHAPolicyConfiguration("primary".equals(role)
                    ? new SharedStorePrimaryPolicyConfiguration().setFailoverOnServerShutdown(true)
                    : new SharedStoreBackupPolicyConfiguration().setAllowFailBack(true));
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.setSecurityManager(new ActiveMQJAASSecurityManager("activemq"));
        broker.start();
        System.out.println(STARTED);
        Thread.currentThread().join();
    }
}
