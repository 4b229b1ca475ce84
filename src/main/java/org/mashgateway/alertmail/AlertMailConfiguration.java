package org.mashgateway.alertmail;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.mashgateway.delivery.OfficialMail;
import org.mashgateway.delivery.Outbox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires alert mail, and the mail of audit checkpoints, when {@code mash.alerts.mail-to} names an
 * address; without one, alerts are only stored and logged and checkpoints only written to files.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertMailProperties.class)
class AlertMailConfiguration {

    /** Run by the route {@code alert-mail}; puts nothing in mails while {@code mash.alerts.mail-to} is empty. */
    @Bean
    AlertMail alertMail(JdbcClient jdbc, Outbox outbox, PlatformTransactionManager transactions,
            AlertMailProperties properties, Clock clock) {
        return new AlertMail(jdbc, outbox, transactions, properties, clock);
    }

    /** How the outbox sends an alert mail. */
    @Bean
    @ConditionalOnExpression("!'${mash.alerts.mail-to:}'.isBlank()")
    AlertMailContent alertMailContent(JdbcClient jdbc, OfficialMail mail, AlertMailProperties properties,
            MeterRegistry meters, Clock clock) {
        return new AlertMailContent(jdbc, mail, properties, meters, clock);
    }

    /** Each audit checkpoint also goes to the admins, when alert mail is on. */
    @Bean
    @ConditionalOnExpression("!'${mash.alerts.mail-to:}'.isBlank()")
    CheckpointMail checkpointMail(OfficialMail mail, AlertMailProperties properties, MeterRegistry meters) {
        return new CheckpointMail(mail, properties, meters);
    }
}
