package org.mashgateway.protection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.mashgateway.warmup.WarmUpExercise;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Wires the gateway's S/MIME protection from its key store ({@code mash.signing.*}) and the partner
 * trust store ({@code mash.ingress.trust-store}, {@code mash.ingress.trust-store-password}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningProperties.class)
class ProtectionConfiguration {

    /**
     * Without this, jakarta.mail-api looks its stream provider up with ServiceLoader on every MIME
     * part it builds, writes or encodes: about a fifth of the gateway's CPU under load
     * (docs/performance.md). Angus is the one implementation on the class path; say so once.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }


    /** The CAs whose certificates partners (recipients and inbound signers) must chain to. */
    @Bean
    TrustAnchors partnerTrustAnchors(
            @Value("${mash.ingress.trust-store}") Resource trustStore,
            @Value("${mash.ingress.trust-store-password}") String password)
            throws IOException, GeneralSecurityException {
        return TrustAnchors.of(load(trustStore, password.toCharArray()));
    }

    @Bean
    RecipientCertificates recipientCertificates(TrustAnchors partnerTrustAnchors, Clock clock) {
        return new RecipientCertificates(partnerTrustAnchors, clock);
    }

    /**
     * The label of everything the gateway emits; the policy OID defaults to a documented placeholder
     * (see {@link SecurityLabel#PLACEHOLDER_POLICY_OID}).
     */
    @Bean
    SecurityLabel officialSensitiveLabel(
            @Value("${mash.protection.label-policy-oid:" + SecurityLabel.PLACEHOLDER_POLICY_OID + "}") String policyOid) {
        return SecurityLabel.officialSensitive(policyOid);
    }

    /**
     * Inbound signers' certificates are checked at receipt, give or take
     * {@code mash.mail.signature-clock-skew}: how far a sender's clock may be off from the gateway's.
     */
    @Bean
    MessageProtection messageProtection(
            SigningProperties signing, TrustAnchors partnerTrustAnchors, RecipientCertificates recipientCertificates,
            Clock clock, @Value("${mash.mail.signature-clock-skew:PT5M}") String clockSkew)
            throws IOException, GeneralSecurityException {
        Duration signatureClockSkew = DurationStyle.detectAndParse(clockSkew);
        if (signatureClockSkew.isNegative()) {
            throw new IllegalArgumentException("mash.mail.signature-clock-skew must not be negative");
        }
        char[] password = signing.password().toCharArray();
        SigningIdentity identity = SigningIdentity.of(load(signing.keystore(), password), signing.alias(), password);
        return new SmimeMessageProtection(identity, recipientCertificates, partnerTrustAnchors, clock, signatureClockSkew);
    }

    /**
     * Signs and encrypts a made-up message of a notification's size while the node warms up, in
     * both ciphers the gateway sends (AES-256-GCM and, for agencies that cannot read it, AES-256-CBC).
     */
    @Bean
    WarmUpExercise smimeWarmUp(MessageProtection messageProtection, SecurityLabel officialSensitiveLabel) {
        if (!(messageProtection instanceof SmimeMessageProtection smime)) {
            throw new IllegalStateException("the warm-up exercises the gateway's own S/MIME protection");
        }
        byte[] xml = ("<WarmUp>" + "Made-up content of a notification's size. ".repeat(70) + "</WarmUp>")
                .getBytes(StandardCharsets.UTF_8);
        String text = officialSensitiveLabel.privacyMark() + "\n\n" + "Made-up text of a notification's size. ".repeat(30);
        Outgoing gcm = new Outgoing(text, xml, "WARMUP.xml", List.of(), true, officialSensitiveLabel);
        Outgoing cbc = new Outgoing(text, xml, "WARMUP.xml", List.of(), false, officialSensitiveLabel);
        return new WarmUpExercise() {
            private boolean useGcm;

            @Override
            public String name() {
                return "smime";
            }

            @Override
            public void run() {
                useGcm = !useGcm;
                smime.protectToSelf(useGcm ? gcm : cbc);
            }
        };
    }

    /** Signs the audit trail's checkpoints with the gateway's own key (docs/decisions/0010-audit-checkpoints.md). */
    @Bean
    GatewayStatements gatewayStatements(SigningProperties signing) throws IOException, GeneralSecurityException {
        return GatewayStatements.fromKeyStore(signing.keystore(), signing.password(), signing.alias());
    }

    private static KeyStore load(Resource resource, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = resource.getInputStream()) {
            store.load(in, password);
        }
        return store;
    }
}
