package org.mashgateway.protection;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.cms.ContentInfo;

/** Made-up outgoing messages and helpers to look inside protected ones. */
final class ProtectionFixtures {

    static final SecurityLabel LABEL = SecurityLabel.officialSensitive(SecurityLabel.PLACEHOLDER_POLICY_OID);

    static final String TEXT = "OFFICIAL-SENSITIVE\n\n"
            + "Domestic abuse notification MASH-2026-000123 for Ysgol Gynradd Enghraifft – café hub.\n\n"
            + "Handle under the handling instruction of your MASH information sharing agreement.\n";

    /** Mixed CRLF and LF line ends and non-ASCII text: anything but byte-exact transport changes it. */
    static final byte[] XML = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<Notification xmlns=\"urn:mash-gateway:test:1\" version=\"1.0\">\n"
            + "  <Reference>MASH-2026-000123</Reference>\r\n"
            + "  <Note>Made-up child Zoë Example, trailing spaces   </Note>\n"
            + "</Notification>\n").getBytes(StandardCharsets.UTF_8);

    static final String FILE_NAME = "MASH-2026-000123.xml";

    private ProtectionFixtures() {}

    static Outgoing outgoing(boolean gcm, X509Certificate... recipients) {
        return outgoing(XML, gcm, recipients);
    }

    static Outgoing outgoing(byte[] xml, boolean gcm, X509Certificate... recipients) {
        return new Outgoing(TEXT, xml, FILE_NAME, List.of(recipients), gcm, LABEL);
    }

    /** The CMS structure inside a protected message. */
    static ContentInfo cms(ProtectedMessage message) throws Exception {
        MimeMessage mime = new MimeMessage(null, new ByteArrayInputStream(message.mimeBytes()));
        try (InputStream in = mime.getInputStream()) {
            return ContentInfo.getInstance(in.readAllBytes());
        }
    }
}
