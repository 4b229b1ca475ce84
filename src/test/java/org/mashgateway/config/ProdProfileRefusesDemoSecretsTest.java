package org.mashgateway.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mashgateway.MashGatewayApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The whole gateway, started in the prod profile with the public demo secrets, refuses before it
 * opens anything: the guard runs before any bean, so no database or broker is needed to see it.
 */
class ProdProfileRefusesDemoSecretsTest {

    @Test
    void theGatewayRefusesToStartInProdWithTheDemoSubjectKeyAndKeystore() {
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(MashGatewayApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("prod");

        assertThatThrownBy(() -> gateway.run(
                        "--mash.directory=file:/etc/mash/directory.yaml",
                        "--mash.signing.keystore=file:certs-example/gateway.p12").close())
                .hasMessageContaining("mash.audit.subject-key")
                .hasMessageContaining("mash.signing.keystore");
    }
}
