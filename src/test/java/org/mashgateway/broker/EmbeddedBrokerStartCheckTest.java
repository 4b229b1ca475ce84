package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class EmbeddedBrokerStartCheckTest {

    @TempDir
    Path dataDir;

    @Test
    void a_partner_listener_that_cannot_bind_stops_the_start_instead_of_leaving_a_broker_nobody_can_reach() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SpringApplicationBuilder broker = new SpringApplicationBuilder(BrokerTestConfiguration.class)
                    .web(WebApplicationType.NONE);

            assertThatThrownBy(() -> broker.run(BrokerTestConfiguration.arguments(dataDir, taken.getLocalPort())).close())
                    .rootCause()
                    .hasMessageContaining("did not start");
        }
    }
}
