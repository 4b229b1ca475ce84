package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.mashgateway.protection.TestPki.Authority;
import org.mashgateway.protection.TestPki.Party;

/** Statements the gateway signs about itself are trusted only when the gateway's own key signed them. */
class GatewayStatementsTest {

    private static final byte[] STATEMENT = "mash-gateway audit checkpoint v1\nrecord-id: 3\n".getBytes(StandardCharsets.UTF_8);

    private final Authority ca;
    private final Party gateway;
    private final GatewayStatements statements;

    GatewayStatementsTest() throws Exception {
        ca = TestPki.authority("Made-up Gateway CA");
        gateway = ca.issue("Made-up Gateway");
        statements = new GatewayStatements(gateway.identity());
    }

    @Test
    void aStatementSignedByTheGatewayReadsBack() {
        byte[] signed = statements.sign(STATEMENT);

        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CMS-----");
        assertThat(statements.verifiedContent(signed)).isEqualTo(STATEMENT);
    }

    @Test
    void aStatementSignedByAPartnerOfTheSameCaIsNotTheGateways() throws Exception {
        byte[] byPartner = new GatewayStatements(ca.issue("Made-up Partner").identity()).sign(STATEMENT);

        assertThatThrownBy(() -> statements.verifiedContent(byPartner))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.UNTRUSTED_SIGNER));
    }

    @Test
    void aStatementThatNamesTheGatewaysCertificateButWasSignedWithAnotherKeyIsRefused() throws Exception {
        Party attacker = ca.issue("Made-up Attacker");
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withRSA", attacker.keys().getPrivate(), gateway.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(gateway.certificate())));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new PemObject("CMS",
                    generator.generate(new CMSProcessableByteArray(STATEMENT), true).getEncoded()));
        }

        assertThatThrownBy(() -> statements.verifiedContent(pem.toString().getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(UntrustedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.BAD_SIGNATURE));
    }

    @Test
    void anythingElseIsABadSignature() {
        for (String notAStatement : List.of("", "record-id: 3 and no signature", "-----BEGIN CMS-----\nAAAA\n-----END CMS-----\n",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")) {
            assertThatThrownBy(() -> statements.verifiedContent(notAStatement.getBytes(StandardCharsets.US_ASCII)))
                    .as(notAStatement)
                    .isInstanceOfSatisfying(UntrustedMessageException.class,
                            e -> assertThat(e.reason()).isEqualTo(UntrustedMessageException.Reason.BAD_SIGNATURE));
        }
    }
}
