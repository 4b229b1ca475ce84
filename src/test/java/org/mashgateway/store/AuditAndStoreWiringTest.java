package org.mashgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.protection.GatewayStatements;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.io.FileSystemResource;

/** The reference, audit and store packages wire up under a component scan like the application's. */
class AuditAndStoreWiringTest {

    @TempDir
    Path dir;

    @Test
    void theScannedPackagesGiveOneOfEachBeanThatWorkTogether() throws Exception {
        Path keystore = TestKeystores.withAesKeys(dir.resolve("gateway.p12"), 256, "mash-store-master");

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        FlywayAutoConfiguration.class))
                .withUserConfiguration(ScannedLikeTheApplication.class)
                // as SpringApplication does, so that "PT1H" binds to a Duration
                .withInitializer(context -> context.getBeanFactory()
                        .setConversionService(ApplicationConversionService.getSharedInstance()))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:wiring;DB_CLOSE_DELAY=-1",
                        "mash.signing.keystore=file:" + keystore, "mash.signing.password=test-only",
                        "mash.audit.checkpoint.directory=" + dir.resolve("checkpoints"),
                        "mash.audit.checkpoint.interval=PT1H")
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .hasSingleBean(DecisionLog.class)
                            .hasSingleBean(SubjectKeys.class)
                            .hasSingleBean(MessageStore.class)
                            .hasSingleBean(MasterKeySource.class)
                            .hasSingleBean(GatewayReferences.class)
                            .hasSingleBean(Clock.class);
                    String reference = context.getBean(GatewayReferences.class).next();
                    context.getBean(MessageStore.class).put(reference, "<Body/>".getBytes(StandardCharsets.UTF_8));
                    context.getBean(DecisionLog.class).append(Decision.of(DecisionKind.ACCEPTED).gatewayReference(reference).build());
                    assertThat(context.getBean(MessageStore.class).get(reference)).isPresent();
                    assertThat(context.getBean(DecisionLog.class).verify().recordsChecked()).isEqualTo(1);
                });
    }

    /** Scans the packages (and the pollers the audit checkpoints run on) as the application would, leaving out test-only configuration. */
    @ComponentScan(basePackages = {"org.mashgateway.reference", "org.mashgateway.audit", "org.mashgateway.store",
            "org.mashgateway.scheduling"},
            excludeFilters = {
                @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = TestComponent.class),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*Test\\$.*")
            })
    static class ScannedLikeTheApplication {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** The audit package signs its checkpoints with the gateway's key, which the protection package wires. */
        @Bean
        GatewayStatements gatewayStatements() throws Exception {
            return GatewayStatements.fromKeyStore(new FileSystemResource("certs-example/gateway.p12"), "changeit", "gateway");
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Alerts alerts() {
            return (kind, reasonCode, context) -> { };
        }
    }
}
