package org.mashgateway.xml;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/** Builds the gateway's one {@link XmlDocuments} from the ingress limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(XmlConfiguration.XmlLimits.class)
class XmlConfiguration {

    /**
     * The limits every inbound document must respect.
     *
     * @param maxBytes {@code mash.ingress.max-bytes}: largest document, default 1 MiB
     * @param maxDepth {@code mash.ingress.max-depth}: deepest element nesting, default 64
     */
    @Validated
    @ConfigurationProperties("mash.ingress")
    record XmlLimits(@DefaultValue("1048576") @Positive long maxBytes, @DefaultValue("64") @Positive int maxDepth) {
    }

    @Bean
    XmlDocuments xmlDocuments(XmlLimits limits) {
        return new XmlDocuments(limits.maxBytes(), limits.maxDepth());
    }
}
