package org.mashgateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Directory;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.scheduling.NodeName;
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.store.MessageStore;
import org.mashgateway.warmup.WarmUpExercise;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires delivery: the SMTP connections ({@code mash.mail.smtp.*}), the courier that protects and
 * sends, the contents of shares and deputies' copies, the outbox worker ({@code mash.delivery.*})
 * and the step of the delivery route.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, SmtpProperties.class})
class DeliveryConfiguration {

    /** Refuses to start with {@code plain} SMTP outside the demo. */
    @Bean(destroyMethod = "close")
    SmtpSender smtpSender(SmtpProperties smtp, @Value("${mash.demo.enabled:false}") boolean demo) {
        return new SmtpSender(smtp, demo);
    }

    /**
     * Opens the pooled SMTP connections while the node warms up. Once only, and a relay that cannot
     * be reached does not hold up readiness: intake works without it and the outbox waits.
     */
    @Bean
    WarmUpExercise smtpWarmUp(SmtpSender smtpSender) {
        return new WarmUpExercise() {
            @Override
            public String name() {
                return "smtp-connections";
            }

            @Override
            public boolean repeats() {
                return false;
            }

            @Override
            public void run() {
                smtpSender.openConnections();
            }
        };
    }

    @Bean
    OnwardTlsNotice onwardTlsNotice(Directory directory, SmtpSender smtpSender) {
        return new OnwardTlsNotice(directory, smtpSender);
    }

    /**
     * Sends on the gateway's own {@code ConnectionFactory} bean: with the embedded broker it is the
     * one that carries the gateway's in-VM login.
     */
    @Bean
    Courier deliveryCourier(MessageStore bodies, Directory directory, MessageProtection protection,
            SecurityLabel officialSensitiveLabel, SmtpSender smtpSender, ConnectionFactory connectionFactory,
            @Value("${mash.mail.from:mash-gateway@localhost}") String from, Clock clock,
            ObjectProvider<AcknowledgementLinks> acknowledgementLinks) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setDeliveryPersistent(true);
        jms.setExplicitQosEnabled(true);
        return new Courier(bodies, directory, protection, officialSensitiveLabel, smtpSender, jms, from, clock,
                acknowledgementLinks.getIfAvailable(() -> Deliveries.WITHOUT_LINKS));
    }

    @Bean
    ShareContent shareContent(Courier deliveryCourier, DecisionLog decisions, Alerts alerts) {
        return new ShareContent(deliveryCourier, decisions, alerts);
    }

    @Bean
    DeputyCopyContent deputyCopyContent(Courier deliveryCourier, DeliveryRecords records, DeliveryMilestones milestones,
            Directory directory, DecisionLog decisions, Alerts alerts) {
        return new DeputyCopyContent(deliveryCourier, records, milestones, directory, decisions, alerts);
    }

    /** Sends every kind of outbox entry: shares and deputies' copies from here, the others from their packages. */
    @Bean
    DeliveryWorker deliveryWorker(DeliveryRecords records, DeliveryEvents events, Courier deliveryCourier,
            List<OutboxContent> contents, ObjectProvider<CamelContext> camel, PlatformTransactionManager transactions,
            DeliveryProperties properties, MeterRegistry meters, Clock clock, NodeName nodeName, Pollers pollers) {
        return new DeliveryWorker(nodeName.value(), records, events, deliveryCourier, contents,
                new CamelDeliveryRoute(camel), new TransactionTemplate(transactions), properties, meters, clock, pollers);
    }

    /** The step of routes/delivery.camel.yaml. */
    @Bean
    DeliveryAttempts deliveryAttempts(DeliveryWorker deliveryWorker) {
        return new DeliveryAttempts(deliveryWorker);
    }
}
