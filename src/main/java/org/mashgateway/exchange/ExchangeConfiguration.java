package org.mashgateway.exchange;

import jakarta.jms.ConnectionFactory;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Directory;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.store.MessageStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;

/** Wires what the outbox sends to the case system, on the gateway's own connection factory. */
@Configuration(proxyBeanMethods = false)
class ExchangeConfiguration {

    @Bean
    CaseworkContent caseworkContent(MessageStore bodies, Directory directory, MessageProtection protection,
            SecurityLabel officialSensitiveLabel, ConnectionFactory connectionFactory, DecisionLog decisions,
            Alerts alerts) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setDeliveryPersistent(true);
        jms.setExplicitQosEnabled(true);
        return new CaseworkContent(bodies, directory, protection, officialSensitiveLabel, jms, decisions, alerts);
    }
}
