package org.mashgateway.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import javax.sql.DataSource;
import org.mashgateway.protection.GatewayStatements;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The command-line check of the decision record: {@code java -jar mash-gateway.jar verify-audit}.
 * Starts only a DataSource (from the same {@code spring.datasource.*} settings as the gateway,
 * without running migrations), the {@link DecisionLog} and the {@link Checkpoints} (the same
 * {@code mash.audit.checkpoint.directory} and {@code mash.signing.*}), walks the chain against the
 * latest signed checkpoint and prints the outcome: record ids, counts and hashes, never personal data.
 *
 * <p>Exit codes: 0 the chain is intact, 1 it is broken, 2 it could not be checked.
 */
public final class AuditVerifyCommand {

    /** The first program argument that selects this command. */
    public static final String COMMAND = "verify-audit";

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int ERROR = 2;

    private AuditVerifyCommand() {}

    /** Runs the check; {@code args} are the program arguments, with or without the leading command name. */
    public static int run(String[] args) {
        String[] springArgs = args.length > 0 && COMMAND.equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "logging.level.org.mashgateway.audit=WARN")
                .run(springArgs)) {
            Checkpoints.Latest latest = context.getBean(Checkpoints.class).latest();
            ChainVerification result = context.getBean(DecisionLog.class).verify(latest.trusted());
            if (result.ok() && latest.untrusted() != null) {
                result = result.withUntrustedCheckpoint();
            }
            System.out.println(report(result));
            return result.ok() ? INTACT : BROKEN;
        } catch (RuntimeException e) {
            // The exception's own message may quote SQL or connection details: print only its kind.
            System.err.println(COMMAND + ": the decision record could not be checked (" + e.getClass().getSimpleName()
                    + "); check spring.datasource.* and that the database is reachable and migrated");
            return ERROR;
        }
    }

    static String report(ChainVerification result) {
        if (result.ok()) {
            return "Decision record intact: " + result.recordsChecked() + " records checked; head record "
                    + result.lastRecordId() + " has hash " + result.lastHash() + "; "
                    + (result.checkpoint() == null ? "no signed checkpoint to compare with"
                            : "agrees with the signed checkpoint of record " + result.checkpoint().recordId() + " made at "
                                    + result.checkpoint().madeAt());
        }
        return "Decision record BROKEN at " + result.brokenAt() + ": " + result.problem() + " ("
                + result.problem().description() + "); " + result.recordsChecked() + " records intact before it";
    }

    /**
     * Just enough of the gateway to read the decision record: a DataSource, a clock, the log and
     * the checkpoints.
     * Deliberately not a {@code @Configuration}: the gateway's component scan must not pick up a
     * second clock and decision log from here.
     */
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    static class Config {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        DecisionLog decisionLog(DataSource dataSource, Clock clock) {
            return new DecisionLog(dataSource, clock);
        }

        @Bean
        Checkpoints checkpoints(Environment environment, ResourceLoader resources, Clock clock)
                throws IOException, GeneralSecurityException {
            GatewayStatements statements = GatewayStatements.fromKeyStore(
                    resources.getResource(environment.getRequiredProperty("mash.signing.keystore")),
                    environment.getRequiredProperty("mash.signing.password"),
                    environment.getProperty("mash.signing.alias", "gateway"));
            // Only reads checkpoints: nothing is written, so nothing is announced.
            return new Checkpoints(Path.of(environment.getRequiredProperty("mash.audit.checkpoint.directory")),
                    statements, clock, event -> {});
        }
    }
}
