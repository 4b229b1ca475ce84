package org.mashgateway.demo;

import java.time.Duration;
import org.mashgateway.directory.Directory;
import org.mashgateway.scheduling.Pollers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo's runtime pieces, present only while {@code mash.demo.enabled} is true (the default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mash.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoConfiguration {

    /** Static and environment-driven: it must refuse before any other bean binds a port. */
    @Bean
    static LoopbackGuard demoLoopbackGuard(Environment environment) {
        return new LoopbackGuard(environment);
    }

    @Bean
    @ConditionalOnProperty(name = "mash.demo.mail.enabled", havingValue = "true", matchIfMissing = true)
    DemoMailServer demoMailServer(
            Directory directory,
            @Value("${mash.mail.from:mash-gateway@localhost}") String gatewayAddress,
            @Value("${mash.alerts.mail-to:}") String adminsAddress,
            @Value("${mash.mail.smtp.host:127.0.0.1}") String smtpHost,
            @Value("${mash.mail.smtp.port:3025}") int smtpPort,
            @Value("${mash.mail.imap.host:127.0.0.1}") String imapHost,
            @Value("${mash.mail.imap.port:3143}") int imapPort,
            @Value("${mash.demo.mail.reprovision-interval:30s}") Duration reprovisionInterval,
            Pollers pollers) {
        return new DemoMailServer(directory, gatewayAddress, adminsAddress,
                new DemoMailServer.Endpoint(smtpHost, smtpPort),
                new DemoMailServer.Endpoint(imapHost, imapPort),
                reprovisionInterval, pollers);
    }

    @Bean
    DemoBanner demoBanner(Environment environment, Directory directory, ObjectProvider<DemoMailServer> mailServer) {
        return new DemoBanner(environment, directory, mailServer);
    }
}
