package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashgateway.protection.ProtectionFixtures.XML;
import static org.mashgateway.protection.ProtectionFixtures.outgoing;
import static org.mashgateway.protection.TestPki.CLOCK;
import static org.mashgateway.protection.TestPki.NOW;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeBodyPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the promise of the contract: anyone with the recipient's key opens and checks the gateway's
 * mail with {@code openssl cms -decrypt} then {@code openssl cms -verify} against the gateway's CA.
 */
class OpenSslInteropTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private static TestPki.Authority ca;
    private static TestPki.Party gateway;
    private static TestPki.Party agency;
    private static TestPki.Party agencyNextKey;
    private static TestPki.Party otherAgency;
    /** OpenSSL signs at the real time, not the tests' clock: this certificate spans the CA's whole life. */
    private static TestPki.Party longLivedPartner;

    @TempDir
    Path dir;

    @BeforeAll
    static void issueCertificates() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "OpenSSL not found at /usr/bin/openssl: interop not checked");
        ca = TestPki.authority("Made-up MASH Root");
        gateway = ca.issue("mash-gateway");
        agency = ca.issue("Made-up Children's Services");
        agencyNextKey = ca.issue("Made-up Children's Services rollover");
        otherAgency = ca.issue("Made-up Health Trust");
        longLivedPartner = ca.issue("Made-up Police Force", NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)));
    }

    private SmimeMessageProtection gatewayProtection() {
        return TestPki.protection(gateway, CLOCK, ca.certificate());
    }

    @Test
    void openSslDecryptsAndVerifiesGcmMailAndFindsTheXml() throws Exception {
        Path mail = write("mail.eml", gatewayProtection().protect(outgoing(true, agency.certificate())).mimeBytes());

        assertThat(decrypt(mail, agency).exitCode()).isZero();
        Result verified = verify(dir.resolve("decrypted.eml"));

        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(attachedXml(dir.resolve("content.mime"))).isEqualTo(XML);
    }

    @Test
    void openSslDecryptsAndVerifiesCbcFallbackMail() throws Exception {
        Path mail = write("mail.eml", gatewayProtection().protect(outgoing(false, agency.certificate())).mimeBytes());

        assertThat(decrypt(mail, agency).exitCode()).isZero();
        assertThat(verify(dir.resolve("decrypted.eml")).exitCode()).isZero();
        assertThat(attachedXml(dir.resolve("content.mime"))).isEqualTo(XML);
    }

    @Test
    void openSslDecryptsRolloverMailWithEitherKey() throws Exception {
        Path mail = write("mail.eml", gatewayProtection()
                .protect(outgoing(true, agency.certificate(), agencyNextKey.certificate())).mimeBytes());

        assertThat(decrypt(mail, agencyNextKey).exitCode()).isZero();
        assertThat(verify(dir.resolve("decrypted.eml")).exitCode()).isZero();
        assertThat(decrypt(mail, agency).exitCode()).isZero();
        assertThat(verify(dir.resolve("decrypted.eml")).exitCode()).isZero();
    }

    @Test
    void openSslCannotDecryptWithAnotherRecipientsKey() throws Exception {
        Path mail = write("mail.eml", gatewayProtection().protect(outgoing(true, agency.certificate())).mimeBytes());

        assertThat(decrypt(mail, otherAgency).exitCode()).isNotZero();
    }

    @Test
    void openSslRejectsTamperedSignedContent() throws Exception {
        String signed = new String(gatewayProtection().signOnly(outgoing(true)).mimeBytes(), StandardCharsets.ISO_8859_1);
        Path intact = write("intact.eml", signed.getBytes(StandardCharsets.ISO_8859_1));
        Path tampered = write("tampered.eml",
                signed.replace("handling instruction", "handling instructiom").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(verify(intact).exitCode()).isZero();
        assertThat(verify(tampered).exitCode()).isNotZero();
    }

    @Test
    void gatewayOpensMailThatAPartnerSignedAndEncryptedWithOpenSsl() throws Exception {
        for (String cipher : List.of("-aes-256-gcm", "-aes-256-cbc")) {
            Path signed = partnerSignsWithOpenSsl();
            Path gatewayCertificate = write("gateway.crt", gateway.certificatePem().getBytes(StandardCharsets.US_ASCII));
            Result encrypted = run(OPENSSL.toString(), "cms", "-encrypt", "-in", signed.toString(), cipher,
                    "-recip", gatewayCertificate.toString(), "-keyopt", "rsa_padding_mode:oaep",
                    "-keyopt", "rsa_oaep_md:sha256", "-out", dir.resolve("partner.eml").toString());
            assertThat(encrypted.exitCode()).as(encrypted.output()).isZero();

            Unprotected opened = gatewayProtection().open(Files.readAllBytes(dir.resolve("partner.eml")));

            assertThat(opened.signer()).as(cipher).isEqualTo(longLivedPartner.certificate());
            assertThat(opened.xml()).as(cipher).isEqualTo(XML);
        }
    }

    /** A partner's reply, signed by OpenSSL as a detached multipart/signed. */
    private Path partnerSignsWithOpenSsl() throws Exception {
        String content = "Content-Type: application/xml; name=InformationResponse.xml\r\n"
                + "Content-Disposition: attachment; filename=InformationResponse.xml\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(XML) + "\r\n";
        Path input = write("reply.mime", content.getBytes(StandardCharsets.US_ASCII));
        Path certificate = write("partner.crt", longLivedPartner.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Path key = write("partner.key", longLivedPartner.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
        Result signed = run(OPENSSL.toString(), "cms", "-sign", "-in", input.toString(), "-signer",
                certificate.toString(), "-inkey", key.toString(), "-md", "sha256",
                "-out", dir.resolve("reply-signed.eml").toString());
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        return dir.resolve("reply-signed.eml");
    }

    private Result decrypt(Path mail, TestPki.Party recipient) throws Exception {
        Path certificate = write("recipient.crt", recipient.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Path key = write("recipient.key", recipient.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
        return run(OPENSSL.toString(), "cms", "-decrypt", "-in", mail.toString(), "-recip", certificate.toString(),
                "-inkey", key.toString(), "-out", dir.resolve("decrypted.eml").toString());
    }

    /** Verifies at the tests' fixed instant, since the made-up certificates are valid around it. */
    private Result verify(Path signed) throws Exception {
        Path caFile = write("ca.crt", new TestPki.Party(null, ca.certificate()).certificatePem()
                .getBytes(StandardCharsets.US_ASCII));
        return run(OPENSSL.toString(), "cms", "-verify", "-in", signed.toString(), "-CAfile", caFile.toString(),
                "-attime", Long.toString(NOW.getEpochSecond()), "-out", dir.resolve("content.mime").toString());
    }

    private static byte[] attachedXml(Path content) throws Exception {
        try (InputStream in = Files.newInputStream(content)) {
            MimeBodyPart mixed = new MimeBodyPart(in);
            Multipart parts = (Multipart) mixed.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("application/xml")) {
                    return parts.getBodyPart(i).getInputStream().readAllBytes();
                }
            }
        }
        throw new AssertionError("no application/xml part in the verified content");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
