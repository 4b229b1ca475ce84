package org.mashgateway.delivery;


import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.classification.Classification;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.Protection;
import org.mashgateway.directory.School;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.NoUsableCertificateException;
import org.mashgateway.protection.Outgoing;
import org.mashgateway.protection.ProtectedMessage;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.store.MessageStore;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;

/**
 * Protects one delivery for its recipient and hands it over: by mail to the address in the
 * directory, or as bytes to the agency's queue. The one place that builds outgoing mail.
 *
 * <p>The mail carries From, To, Subject (the contract's title and the output reference), Date,
 * {@code SIO-Label} and a Message-ID derived from the output reference alone, so that a resend
 * after a crash carries the same Message-ID; everything else is inside the encrypted body.
 */
final class Courier {

    private final MessageStore bodies;
    private final Directory directory;
    private final MessageProtection protection;
    private final SecurityLabel label;
    private final SmtpSender smtp;
    private final JmsTemplate jms;
    private final InternetAddress from;
    private final Clock clock;
    private final AcknowledgementLinks links;

    Courier(MessageStore bodies, Directory directory, MessageProtection protection, SecurityLabel label,
            SmtpSender smtp, JmsTemplate jms, String from, Clock clock, AcknowledgementLinks links) {
        this.bodies = bodies;
        this.links = links;
        this.directory = directory;
        this.protection = protection;
        this.label = label;
        this.smtp = smtp;
        this.jms = jms;
        this.clock = clock;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("mash.mail.from is not a valid address", e);
        }
    }

    /** The Message-ID of a delivery's mail: the same for every attempt, so a resend is recognisable. */
    static String messageIdOf(String outputReference) {
        return "<" + outputReference + "@mash-gateway>";
    }

    /**
     * Sends one delivery; returns the Message-ID for mail, null for a queue.
     *
     * @throws DeliveryFailure with a reason code, transient or permanent
     */
    String deliver(DeliveryState delivery) {
        DeliveryBody body = bodyToSend(delivery);
        return switch (delivery.channel()) {
            case EMAIL -> mail(delivery, body);
            case QUEUE -> enqueue(delivery, body);
        };
    }

    /**
     * The stored body with its acknowledgement link put in: the link exists only in the protected
     * message built from this, never in the store.
     */
    private DeliveryBody bodyToSend(DeliveryState delivery) {
        DeliveryBody stored = bodies.get(delivery.outputReference())
                .map(DeliveryBody::unpack)
                .orElseThrow(() -> DeliveryFailure.permanent("BODY_NOT_AVAILABLE", delivery.outputReference()));
        return new DeliveryBody(stored.title(), links.textToSend(delivery, stored.text()), stored.document());
    }

    /** Parks the protected message of a failed delivery on the dead-letter queue for the admins. */
    void park(DeliveryState delivery, byte[] protectedMime) {
        send(BrokerAddresses.DEAD_LETTERS, delivery, protectedMime);
    }

    private String mail(DeliveryState delivery, DeliveryBody body) {
        return mail(delivery, body, recipientOf(delivery), messageIdOf(delivery.outputReference()));
    }

    /**
     * Sends a school delivery again, as it is (same document and text, the same working link,
     * encrypted to the school's certificates), to another of the school's addresses: its deputy, when nobody acknowledged it
     * in time. Its Message-ID differs from the first mail's, so the two are not taken for resends.
     *
     * @throws DeliveryFailure with a reason code, transient or permanent
     */
    String deliverCopy(DeliveryState delivery, String address) {
        DeliveryBody body = bodyToSend(delivery);
        School school = directory.school(delivery.recipient())
                .orElseThrow(() -> DeliveryFailure.permanent("RECIPIENT_NOT_IN_DIRECTORY", delivery.outputReference()));
        return mail(delivery, body, new Recipient(address, school.certificates(), school.protection(), true),
                "<" + delivery.outputReference() + ".copy@mash-gateway>");
    }

    /**
     * Sends an already protected message that is not a delivery (an alert for the MASH admins),
     * with the same headers as every other mail of the gateway.
     *
     * @throws DeliveryFailure with a reason code, transient or permanent
     */
    void mailProtected(String address, String title, String subjectReference, String messageId, byte[] mime) {
        send(address, title + " " + subjectReference, messageId, mime, subjectReference, false);
    }

    private String mail(DeliveryState delivery, DeliveryBody body, Recipient recipient, String messageId) {
        Sealed sealed = protect(delivery, body, recipient);
        byte[] mime = sealed.message().mimeBytes();
        try {
            send(recipient.email(), body.title() + " " + delivery.outputReference(), messageId, mime,
                    delivery.outputReference(), sealed.signedOnly());
        } catch (DeliveryFailure failure) {
            throw failure.carrying(mime);
        }
        return messageId;
    }

    private void send(String address, String subject, String messageId, byte[] mime, String reference, boolean signedOnly) {
        MimeMessage mail;
        Address to;
        try {
            to = new InternetAddress(address, true);
            mail = new DeliveryMail(smtp.session(), mime, messageId);
            // The entity parsed from the protected bytes counts as saved: nothing adds MIME-Version for us.
            mail.setHeader("MIME-Version", "1.0");
            mail.setFrom(from);
            mail.setRecipient(MimeMessage.RecipientType.TO, to);
            mail.setSubject(Classification.OFFICIAL_SENSITIVE.marking() + ": " + subject, StandardCharsets.UTF_8.name());
            mail.setSentDate(Date.from(clock.instant()));
            mail.setHeader(SecurityLabel.SIO_LABEL_HEADER, label.sioLabel());
            mail.setHeader("Message-ID", messageId);
        } catch (MessagingException e) {
            throw DeliveryFailure.permanent("MAIL_NOT_BUILT", reference, e);
        }
        smtp.send(mail, new Address[] {to}, signedOnly);
    }

    /** The security label every mail carries, for protecting a message outside a delivery. */
    SecurityLabel label() {
        return label;
    }

    private String enqueue(DeliveryState delivery, DeliveryBody body) {
        Agency agency = directory.agency(delivery.recipient())
                .orElseThrow(() -> DeliveryFailure.permanent("RECIPIENT_NOT_IN_DIRECTORY", delivery.outputReference()));
        // A queue has no verified-TLS fallback to a named server: without a certificate, nothing goes.
        ProtectedMessage protectedMessage = protectFor(delivery, body, agency.certificates(), agency.gcmCapable());
        byte[] mime = protectedMessage.mimeBytes();
        try {
            send(BrokerAddresses.agencyQueue(agency.code()), delivery, mime);
        } catch (JmsException e) {
            throw DeliveryFailure.retryable("BROKER_UNAVAILABLE", e.getClass().getSimpleName(), e).carrying(mime);
        }
        return null;
    }

    private void send(String queue, DeliveryState delivery, byte[] mime) {
        jms.send(queue, QueueMessages.protectedEntry(delivery, mime));
    }

    private Sealed protect(DeliveryState delivery, DeliveryBody body, Recipient recipient) {
        try {
            return new Sealed(protection.protect(outgoing(delivery, body, recipient.certificates(), recipient.gcm())), false);
        } catch (NoUsableCertificateException e) {
            if (recipient.protection() != Protection.TLS) {
                throw DeliveryFailure.permanent(NoUsableCertificateException.REASON_CODE, delivery.outputReference());
            }
            if (!smtp.verifiesTls()) {
                // Signed-only mail may travel only over verified TLS; the demo's plain SMTP is not that.
                throw DeliveryFailure.permanent("TLS_NOT_AVAILABLE", delivery.outputReference());
            }
            // and beyond the relay too: SmtpSender hands it over only with REQUIRETLS or the operator's word
            return new Sealed(protection.signOnly(outgoing(delivery, body, List.of(), recipient.gcm())), true);
        }
    }

    /** A protected mail, and whether it is only signed (not encrypted) and so needs TLS all the way. */
    private record Sealed(ProtectedMessage message, boolean signedOnly) {}

    private ProtectedMessage protectFor(DeliveryState delivery, DeliveryBody body, List<X509Certificate> certificates,
            boolean gcm) {
        try {
            return protection.protect(outgoing(delivery, body, certificates, gcm));
        } catch (NoUsableCertificateException e) {
            throw DeliveryFailure.permanent(NoUsableCertificateException.REASON_CODE, delivery.outputReference());
        }
    }

    private Outgoing outgoing(DeliveryState delivery, DeliveryBody body, List<X509Certificate> certificates, boolean gcm) {
        return new Outgoing(body.text(), body.document(), delivery.outputReference() + ".xml", certificates, gcm, label);
    }

    private Recipient recipientOf(DeliveryState delivery) {
        if (delivery.recipientType() == RecipientType.AGENCY) {
            Agency agency = directory.agency(delivery.recipient())
                    .orElseThrow(() -> DeliveryFailure.permanent("RECIPIENT_NOT_IN_DIRECTORY", delivery.outputReference()));
            return new Recipient(agency.email(), agency.certificates(), agency.protection(), agency.gcmCapable());
        }
        School school = directory.school(delivery.recipient())
                .orElseThrow(() -> DeliveryFailure.permanent("RECIPIENT_NOT_IN_DIRECTORY", delivery.outputReference()));
        return new Recipient(school.email(), school.certificates(), school.protection(), true);
    }

    /** What delivering by mail needs to know of a recipient. */
    private record Recipient(String email, List<X509Certificate> certificates, Protection protection, boolean gcm) {
        Recipient {
            if (email == null || email.isBlank()) {
                throw DeliveryFailure.permanent("NO_RECIPIENT_ADDRESS", null);
            }
        }
    }

    /** A mail around an already protected entity whose Message-ID stays the one derived from the delivery. */
    private static final class DeliveryMail extends SMTPMessage {

        private final String messageId;

        DeliveryMail(Session session, byte[] mime, String messageId) throws MessagingException {
            super(session, new ByteArrayInputStream(mime));
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
