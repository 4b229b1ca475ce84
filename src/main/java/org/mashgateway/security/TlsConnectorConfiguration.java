package org.mashgateway.security;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one HTTPS connector: TLS 1.2/1.3 (server.ssl.*), client certificates requested at the
 * handshake and judged by the gateway per path (see docs/decisions/0001-one-tls-connector.md).
 */
@Configuration(proxyBeanMethods = false)
class TlsConnectorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientCertificatesJudgedByGateway() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol) {
                for (SSLHostConfig host : protocol.findSslHostConfigs()) {
                    host.setTrustManagerClassName(AnyClientCertificateTrustManager.class.getName());
                }
            }
        });
    }
}
