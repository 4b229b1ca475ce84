package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashgateway.protection.ProtectionFixtures.XML;
import static org.mashgateway.protection.ProtectionFixtures.outgoing;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ProtectionConfigurationTest {

    private static final String PASSWORD = "made-up-test-password";

    @TempDir
    static Path dir;

    private static TestPki.Party gateway;
    private static TestPki.Party agency;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ProtectionConfiguration.class)
            .withBean(Clock.class, () -> TestPki.CLOCK);

    @BeforeAll
    static void writeKeyStores() throws Exception {
        TestPki.Authority ca = TestPki.authority("Made-up MASH Root");
        gateway = ca.issue("mash-gateway");
        agency = ca.issue("Made-up Children's Services");
        KeyStore signing = KeyStore.getInstance("PKCS12");
        signing.load(null, null);
        signing.setKeyEntry("gateway", gateway.keys().getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {gateway.certificate(), ca.certificate()});
        save(signing, "gateway.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("mash-root", ca.certificate());
        save(trust, "trust.p12");
    }

    private static void save(KeyStore store, String name) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    @Test
    void wiredProtectionSignsWithTheKeyStoreKeyAndOpensItsOwnMail() {
        context.withPropertyValues(
                        "mash.signing.keystore=" + dir.resolve("gateway.p12").toUri(),
                        "mash.signing.password=" + PASSWORD,
                        "mash.ingress.trust-store=" + dir.resolve("trust.p12").toUri(),
                        "mash.ingress.trust-store-password=" + PASSWORD)
                .run(running -> {
                    assertThat(running).hasNotFailed();
                    MessageProtection protection = running.getBean(MessageProtection.class);
                    SecurityLabel label = running.getBean(SecurityLabel.class);
                    assertThat(label.policyOid()).isEqualTo(SecurityLabel.PLACEHOLDER_POLICY_OID);

                    Unprotected opened = protection.open(
                            protection.protect(outgoing(true, gateway.certificate())).mimeBytes());

                    assertThat(opened.signer()).isEqualTo(gateway.certificate());
                    assertThat(opened.xml()).isEqualTo(XML);
                    assertThat(running.getBean(RecipientCertificates.class).usable(List.of(agency.certificate())))
                            .containsExactly(agency.certificate());
                });
    }

    @Test
    void refusesToStartWithoutASigningPassword() {
        context.withPropertyValues(
                        "mash.signing.keystore=" + dir.resolve("gateway.p12").toUri(),
                        "mash.ingress.trust-store=" + dir.resolve("trust.p12").toUri(),
                        "mash.ingress.trust-store-password=" + PASSWORD)
                .run(running -> assertThat(running).hasFailed());
    }

    @Test
    void aNegativeSignatureClockSkewIsRefused() {
        context.withPropertyValues(
                        "mash.signing.keystore=" + dir.resolve("gateway.p12").toUri(),
                        "mash.signing.password=" + PASSWORD,
                        "mash.ingress.trust-store=" + dir.resolve("trust.p12").toUri(),
                        "mash.ingress.trust-store-password=" + PASSWORD,
                        "mash.mail.signature-clock-skew=-PT1M")
                .run(running -> assertThat(running).hasFailed().getFailure()
                        .hasRootCauseMessage("mash.mail.signature-clock-skew must not be negative"));
    }

    @Test
    void labelPolicyOidIsConfigurable() {
        context.withPropertyValues(
                        "mash.signing.keystore=" + dir.resolve("gateway.p12").toUri(),
                        "mash.signing.password=" + PASSWORD,
                        "mash.ingress.trust-store=" + dir.resolve("trust.p12").toUri(),
                        "mash.ingress.trust-store-password=" + PASSWORD,
                        "mash.protection.label-policy-oid=1.2.826.0.1.999")
                .run(running -> assertThat(running.getBean(SecurityLabel.class).policyOid()).isEqualTo("1.2.826.0.1.999"));
    }
}
