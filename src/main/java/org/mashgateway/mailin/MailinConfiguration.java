package org.mashgateway.mailin;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.List;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Directory;
import org.mashgateway.intake.PartnerDocumentIntake;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.store.QuarantineCopies;
import org.mashgateway.xml.XmlDocuments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;

/**
 * Wires the inbound mailbox ({@code mash.mail.imap.*}); off with {@code mash.mail.imap.enabled=false}.
 * Every {@link PartnerDocumentIntake} bean is offered the documents it takes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImapProperties.class)
@ConditionalOnProperty(name = "mash.mail.imap.enabled", havingValue = "true", matchIfMissing = true)
class MailinConfiguration {

    @Bean
    InboundMail inboundMail(MessageProtection protection, Directory directory, XmlDocuments xml,
            List<PartnerDocumentIntake> intakes, DecisionLog decisions, Alerts alerts,
            ConnectionFactory connectionFactory, MeterRegistry meters, ImapProperties properties, Clock clock,
            QuarantineCopies quarantineCopies) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setDeliveryPersistent(true);
        jms.setExplicitQosEnabled(true);
        RefusedMailLimits limits = new RefusedMailLimits(properties.alertInterval(),
                properties.keptCopiesPerInterval(), clock, meters);
        return new InboundMail(protection, directory, xml, intakes, decisions, alerts, jms, meters, limits,
                quarantineCopies);
    }

    @Bean
    GatewayMailbox gatewayMailbox(ImapProperties properties, InboundMail inboundMail,
            @Value("${mash.demo.enabled:false}") boolean demo) {
        return new GatewayMailbox(properties, inboundMail, demo);
    }
}
