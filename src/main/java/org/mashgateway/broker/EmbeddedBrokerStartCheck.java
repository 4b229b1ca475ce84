package org.mashgateway.broker;

import java.util.Map;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Refuses to start the gateway when the embedded broker did not start whole. Artemis logs a
 * failure to bind its partner listener (the port taken, say) and carries on without it, and
 * Spring Boot's {@code start} returns normally: the gateway would then answer HTTPS while no
 * partner can reach its queues and, with the in-VM acceptor down too, while nothing it accepted can
 * be delivered. Better a start that fails loudly, naming the acceptor, than a node that looks healthy.
 */
final class EmbeddedBrokerStartCheck implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        // After Spring Boot's init method "start".
        if (bean instanceof EmbeddedActiveMQ embedded) {
            requireStarted(embedded.getActiveMQServer());
        }
        return bean;
    }

    static void requireStarted(ActiveMQServer server) {
        if (server == null || !server.isActive()) {
            throw new BeanInitializationException("The embedded broker did not start (state "
                    + (server == null ? "none" : server.getState()) + "); see the Artemis log above");
        }
        for (Map.Entry<String, Acceptor> acceptor : server.getRemotingService().getAcceptors().entrySet()) {
            if (!acceptor.getValue().isStarted()) {
                throw new BeanInitializationException("The embedded broker's acceptor '" + acceptor.getKey()
                        + "' did not start (is its port already in use?); see the Artemis log above");
            }
        }
    }
}
