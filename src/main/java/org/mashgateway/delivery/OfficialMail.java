package org.mashgateway.delivery;

import java.security.cert.X509Certificate;
import java.util.List;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.NoUsableCertificateException;
import org.mashgateway.protection.Outgoing;
import org.springframework.stereotype.Component;

/**
 * Mail the gateway sends besides the deliveries of its outbox, built and sent by the same
 * {@link Courier} (same headers, same pooled SMTP, same protection): a school notification sent
 * again to the school's deputy, and alerts for the MASH admins. The callers keep their own
 * durable record of what is still to send and retry on {@link MailNotSent#isTransient()}.
 */
@Component
public class OfficialMail {

    private final Courier courier;
    private final DeliveryRecords records;
    private final MessageProtection protection;

    OfficialMail(Courier courier, DeliveryRecords records, MessageProtection protection) {
        this.courier = courier;
        this.records = records;
        this.protection = protection;
    }

    /**
     * Sends the delivery {@code outputReference} of a school again, as it is, to {@code address}.
     *
     * @return the Message-ID of the copy
     * @throws MailNotSent when it did not go
     */
    public String sendCopy(String outputReference, String address) {
        DeliveryState delivery = records.findByOutputReference(outputReference)
                .orElseThrow(() -> new MailNotSent("DELIVERY_NOT_FOUND", false, null));
        try {
            return courier.deliverCopy(delivery, address);
        } catch (DeliveryFailure failure) {
            throw new MailNotSent(failure.reasonCode(), failure.isTransient(), failure);
        } catch (NoUsableCertificateException e) {
            throw new MailNotSent(NoUsableCertificateException.REASON_CODE, false, e);
        }
    }

    /**
     * Signs {@code text} and {@code xml}, encrypts them to {@code certificates} and mails them to
     * {@code address} with the subject {@code OFFICIAL-SENSITIVE: <title> <subjectReference>}.
     *
     * @throws MailNotSent when it did not go (NO_RECIPIENT_CERTIFICATE when none is usable)
     */
    public void sendProtected(String address, String title, String subjectReference, String messageId, String text,
            byte[] xml, String xmlFileName, List<X509Certificate> certificates) {
        try {
            byte[] mime = protection.protect(new Outgoing(text, xml, xmlFileName, certificates, true, courier.label()))
                    .mimeBytes();
            courier.mailProtected(address, title, subjectReference, messageId, mime);
        } catch (NoUsableCertificateException e) {
            throw new MailNotSent(NoUsableCertificateException.REASON_CODE, false, e);
        } catch (DeliveryFailure failure) {
            throw new MailNotSent(failure.reasonCode(), failure.isTransient(), failure);
        }
    }
}
