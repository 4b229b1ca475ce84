package org.mashgateway.broker;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.mashgateway.directory.Directory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the gateway's broker login in place. Spring Boot builds the embedded broker and an in-VM
 * connection factory but gives neither a security manager nor credentials in embedded mode
 * ({@code spring.artemis.user} is read only for an external broker). So this post-processor
 * hands the broker a {@link PartnerSecurityManager} before it starts, and the in-VM connection
 * factory the internal user and its password, which is generated here at every start and never
 * leaves the process. Code in the gateway uses the {@code ConnectionFactory} bean; a hand-made
 * {@code vm://} factory has no credentials and is refused.
 */
final class EmbeddedBrokerLogin implements BeanPostProcessor {

    private static final int PASSWORD_BYTES = 32;

    private final String gatewayPassword;
    private final ObjectProvider<Directory> directory;
    private final boolean demoUsers;

    EmbeddedBrokerLogin(ObjectProvider<Directory> directory, boolean demoUsers) {
        byte[] secret = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(secret);
        this.gatewayPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        this.directory = directory;
        this.demoUsers = demoUsers;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        // Runs before Spring Boot's init method "start": the broker never runs without it.
        if (bean instanceof EmbeddedActiveMQ broker) {
            broker.setSecurityManager(new PartnerSecurityManager(gatewayPassword, directory::getObject, demoUsers));
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        inVmFactory(bean).ifPresent(factory -> {
            factory.setUser(PartnerSecurityManager.GATEWAY_USER);
            factory.setPassword(gatewayPassword);
        });
        return bean;
    }

    /** The Artemis factory behind a connection factory bean, when it connects in-VM without a user of its own. */
    private static Optional<ActiveMQConnectionFactory> inVmFactory(Object bean) {
        return ArtemisConnectionFactories.behind(bean)
                .filter(factory -> factory.getUser() == null && connectsInVm(factory));
    }

    private static boolean connectsInVm(ActiveMQConnectionFactory factory) {
        TransportConfiguration[] connectors = factory.getStaticConnectors();
        return connectors != null && Arrays.stream(connectors)
                .anyMatch(c -> InVMConnectorFactory.class.getName().equals(c.getFactoryClassName()));
    }
}
