package org.mashgateway.protection;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;

/**
 * A signed (and normally encrypted) MIME entity ready to leave the gateway: as a mail for SMTP or as
 * raw bytes for a queue. The cryptography has already been done, so sending cannot fail on it.
 */
public final class ProtectedMessage {

    private final byte[] mime;

    ProtectedMessage(byte[] mime) {
        this.mime = mime;
    }

    /**
     * The MIME entity (its {@code Content-*} headers, a blank line, the body) exactly as produced,
     * for a JMS BytesMessage; {@link MessageProtection#open(byte[])} reads it back.
     */
    public byte[] mimeBytes() {
        return mime.clone();
    }

    /**
     * A new mail whose body is this entity. The caller sets From, To, Subject and the
     * {@code SIO-Label} header ({@link SecurityLabel#sioLabel()}); note that
     * {@link MimeMessage#saveChanges()} replaces Message-ID unless the caller sets it afterwards or
     * overrides {@code updateMessageID}.
     */
    public MimeMessage toMimeMessage(Session session) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(mime));
    }
}
