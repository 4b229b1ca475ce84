package org.mashgateway.xml;

import org.mashgateway.config.IngressProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the gateway's one {@link XmlDocuments} from the ingress limits. */
@Configuration(proxyBeanMethods = false)
class XmlConfiguration {

    @Bean
    XmlDocuments xmlDocuments(IngressProperties limits) {
        return new XmlDocuments(limits.maxBytes(), limits.maxDepth());
    }
}
