package org.mashgateway.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.activemq.artemis.spi.core.protocol.ProtocolManagerFactory;

/** Which wire protocols the partner listener speaks: CORE always, the others when their module is on the classpath. */
public final class BrokerProtocols {

    private BrokerProtocols() {}

    /** CORE plus every protocol module Artemis finds, as Artemis names them (AMQP, STOMP, OPENWIRE, MQTT). */
    public static List<String> available() {
        List<String> protocols = new ArrayList<>(List.of("CORE"));
        for (ProtocolManagerFactory<?> factory : ServiceLoader.load(ProtocolManagerFactory.class)) {
            Arrays.stream(factory.getProtocols())
                    .filter(protocol -> !protocols.contains(protocol))
                    .forEach(protocols::add);
        }
        return protocols;
    }
}
