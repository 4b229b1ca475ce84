package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mashgateway.config.IngressProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class XmlConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(IngressLimits.class, XmlConfiguration.class)
            .withPropertyValues("mash.ingress.trust-store=file:certs-example/truststore.p12",
                    "mash.ingress.trust-store-password=changeit");

    @EnableConfigurationProperties(IngressProperties.class)
    static class IngressLimits {}

    @Test
    void theReaderAcceptsOneMebibyteByDefault() {
        context.run(started -> assertThat(started.getBean(XmlDocuments.class).maxBytes()).isEqualTo(1_048_576));
    }

    @Test
    void theIngressLimitsComeFromConfiguration() {
        context.withPropertyValues("mash.ingress.max-bytes=2048", "mash.ingress.max-depth=3").run(started -> {
            XmlDocuments documents = started.getBean("xmlDocuments", XmlDocuments.class);
            assertThat(documents.maxBytes()).isEqualTo(2048);
            assertThat(documents.read(Fixtures.bytes("samples/acknowledgement.xml")).type()).isEqualTo(DocumentType.ACKNOWLEDGEMENT);
            assertThat(Fixtures.rejection(() -> documents.read(Fixtures.bytes("samples/da-notification-high.xml"))).reason())
                    .isEqualTo(RejectionReason.TOO_LARGE);
            assertThat(Fixtures.rejection(() -> documents.read(Fixtures.bytes("samples/information-request.xml"))).reason())
                    .isEqualTo(RejectionReason.TOO_DEEP);
        });
    }

    @Test
    void aLimitThatIsNotPositiveStopsTheStart() {
        context.withPropertyValues("mash.ingress.max-depth=0").run(started -> assertThat(started).hasFailed());
    }
}
