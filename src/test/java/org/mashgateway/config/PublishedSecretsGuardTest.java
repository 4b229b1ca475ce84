package org.mashgateway.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mashgateway.audit.SubjectKeys;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/** Outside the demo the gateway refuses every public demo secret, naming the key and never its value. */
class PublishedSecretsGuardTest {

    private static final String OWN_SUBJECT_KEY = ownSubjectKey();

    /** What production sets (application-prod.properties plus docs/configuration.md's production start). */
    private static Map<String, String> production() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mash.audit.subject-key", OWN_SUBJECT_KEY);
        properties.put("mash.directory", "file:/etc/mash/directory.yaml");
        properties.put("mash.signing.keystore", "file:/etc/mash/gateway.p12");
        properties.put("server.ssl.key-store", "file:/etc/mash/server.p12");
        properties.put("server.ssl.trust-store", "file:/etc/mash/partners.p12");
        return properties;
    }

    private static MockEnvironment productionEnvironment() {
        return withoutDemoSwitch().withProperty("mash.demo.enabled", "false");
    }

    private static MockEnvironment withoutDemoSwitch() {
        MockEnvironment environment = new MockEnvironment();
        production().forEach(environment::setProperty);
        return environment;
    }

    @Test
    void productionWithItsOwnSecretsPasses() {
        assertThatCode(() -> new PublishedSecretsGuard(productionEnvironment()).check()).doesNotThrowAnyException();
    }

    @Test
    void theDemoKeepsItsPublicValues() {
        MockEnvironment demo = new MockEnvironment().withProperty("mash.demo.enabled", "true")
                .withProperty("mash.signing.keystore", "file:certs-example/gateway.p12")
                .withProperty("mash.directory", "classpath:demo/directory.yaml");

        assertThatCode(() -> new PublishedSecretsGuard(demo).check()).doesNotThrowAnyException();
    }

    @Test
    void anUnsetSubjectKeyIsRefused() {
        MockEnvironment withoutKey = new MockEnvironment().withProperty("mash.demo.enabled", "false")
                .withProperty("mash.directory", "file:/etc/mash/directory.yaml")
                .withProperty("mash.signing.keystore", "file:/etc/mash/gateway.p12");

        assertRefused(withoutKey, "mash.audit.subject-key");
    }

    @Test
    void theDemoSubjectKeyIsRefusedAndNotPrinted() {
        MockEnvironment environment = productionEnvironment()
                .withProperty("mash.audit.subject-key", SubjectKeys.DEMO_SUBJECT_KEY);

        assertRefused(environment, "mash.audit.subject-key");
        assertThatThrownBy(() -> new PublishedSecretsGuard(environment).check())
                .message().doesNotContain(SubjectKeys.DEMO_SUBJECT_KEY);
    }

    @Test
    void anUnsetOrDemoDirectoryIsRefused() {
        assertRefused(productionEnvironment().withProperty("mash.directory", ""), "mash.directory");
        assertRefused(productionEnvironment().withProperty("mash.directory", "classpath:demo/directory.yaml"),
                "mash.directory");
        assertRefused(productionEnvironment().withProperty("mash.directory", "classpath:/demo/directory.yaml"),
                "mash.directory");
    }

    @Test
    void theDemoSigningKeystoreIsRefusedWhereverItWasCopied() {
        assertRefused(productionEnvironment().withProperty("mash.signing.keystore", "file:certs-example/gateway.p12"),
                "mash.signing.keystore");
        assertRefused(productionEnvironment().withProperty("mash.signing.keystore", "file:/opt/mash/certs-example/gateway.p12"),
                "mash.signing.keystore");
    }

    @Test
    void theStoreMasterKeyFromTheDemoKeystoreIsRefused() {
        assertRefused(productionEnvironment().withProperty("mash.store.keystore", "file:certs-example/gateway.p12"),
                "mash.store.keystore");
    }

    @Test
    void theDemoTlsIdentityAndTrustStoresAreRefused() {
        assertRefused(productionEnvironment().withProperty("server.ssl.trust-store", "file:certs-example/truststore.p12"),
                "server.ssl.trust-store");
        assertRefused(productionEnvironment().withProperty("mash.ingress.trust-store", "file:certs-example/truststore.p12"),
                "mash.ingress.trust-store");
        assertRefused(productionEnvironment().withProperty("server.ssl.key-store", "file:certs-example/server.p12"),
                "server.ssl.key-store");
        assertRefused(productionEnvironment().withProperty("mash.alerts.certificate", "file:certs-example/admin.crt"),
                "mash.alerts.certificate");
    }

    @Test
    void aRunThatIsNeitherDemoNorProdIsNotTheDemo() {
        MockEnvironment environment = withoutDemoSwitch().withProperty("mash.signing.keystore", "file:certs-example/gateway.p12");

        assertRefused(environment, "mash.signing.keystore");
    }

    @Test
    void theProdProfileRefusesToStartWithTheDemoSubjectKey() {
        Map<String, String> arguments = production();
        arguments.put("mash.audit.subject-key", SubjectKeys.DEMO_SUBJECT_KEY);

        assertThatThrownBy(() -> start("prod", arguments))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PublishedSecretsGuard.REFUSAL)
                .hasMessageContaining("mash.audit.subject-key");
    }

    @Test
    void theProdProfileRefusesToStartWithTheDemoStoreKey() {
        Map<String, String> arguments = production();
        arguments.put("mash.store.keystore", "file:certs-example/gateway.p12");

        assertThatThrownBy(() -> start("prod", arguments))
                .hasMessageContaining("mash.store.keystore")
                .message().doesNotContain("mash.audit.subject-key");
    }

    @Test
    void theProdProfileStartsWithItsOwnSecrets() {
        assertThatCode(() -> start("prod", production()).close()).doesNotThrowAnyException();
    }

    @Test
    void theDemoProfileStartsWithItsDemoValues() {
        assertThatCode(() -> start("demo", Map.of()).close()).doesNotThrowAnyException();
    }

    private static void assertRefused(MockEnvironment environment, String key) {
        assertThatThrownBy(() -> new PublishedSecretsGuard(environment).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(PublishedSecretsGuard.REFUSAL)
                .hasMessageContaining(key);
    }

    /** The profile's real properties files, with only the guard as a bean. */
    private static ConfigurableApplicationContext start(String profile, Map<String, String> properties) {
        return new SpringApplicationBuilder(GuardOnly.class)
                .web(WebApplicationType.NONE)
                .profiles(profile)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    private static String ownSubjectKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    @Configuration(proxyBeanMethods = false)
    static class GuardOnly {

        @Bean
        static PublishedSecretsGuard publishedSecretsGuard(Environment environment) {
            return new PublishedSecretsGuard(environment);
        }
    }
}
