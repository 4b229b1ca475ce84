package org.mashgateway.delivery;

import java.security.cert.X509Certificate;
import java.util.List;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.NoUsableCertificateException;
import org.mashgateway.protection.Outgoing;
import org.springframework.stereotype.Component;

/**
 * Mail for the MASH admins that is not a share (alerts, audit checkpoints), built and sent by the
 * same {@link Courier}: same headers, same pooled SMTP, same protection.
 */
@Component
public class OfficialMail {

    private final Courier courier;
    private final MessageProtection protection;

    OfficialMail(Courier courier, MessageProtection protection) {
        this.courier = courier;
        this.protection = protection;
    }

    /**
     * Signs {@code text} and {@code xml}, encrypts them to {@code certificates} and mails them to
     * {@code address} with the subject {@code OFFICIAL-SENSITIVE: <title> <subjectReference>}.
     *
     * @throws DeliveryFailure when it did not go (NO_RECIPIENT_CERTIFICATE when none is usable)
     */
    public void sendProtected(String address, String title, String subjectReference, String messageId, String text,
            byte[] xml, String xmlFileName, List<X509Certificate> certificates) {
        try {
            byte[] mime = protection.protect(new Outgoing(text, xml, xmlFileName, certificates, true, courier.label()))
                    .mimeBytes();
            courier.mailProtected(address, title, subjectReference, messageId, mime);
        } catch (NoUsableCertificateException e) {
            throw DeliveryFailure.permanent(NoUsableCertificateException.REASON_CODE, subjectReference, e);
        }
    }
}
