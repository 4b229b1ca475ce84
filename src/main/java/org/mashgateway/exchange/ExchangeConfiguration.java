package org.mashgateway.exchange;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Directory;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.store.MessageStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the casework output: its dispatcher ({@code mash.casework.*}) on the gateway's own connection factory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaseworkProperties.class)
class ExchangeConfiguration {

    @Bean
    CaseworkDispatcher caseworkDispatcher(CaseworkOutputs outputs, MessageStore bodies, Directory directory,
            MessageProtection protection, SecurityLabel officialSensitiveLabel, ConnectionFactory connectionFactory,
            DecisionLog decisions, Alerts alerts, PlatformTransactionManager transactions, CaseworkProperties properties,
            Clock clock, Pollers pollers) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setDeliveryPersistent(true);
        jms.setExplicitQosEnabled(true);
        return new CaseworkDispatcher(outputs, bodies, directory, protection, officialSensitiveLabel, jms, decisions,
                alerts, new TransactionTemplate(transactions), properties, clock, pollers);
    }
}
