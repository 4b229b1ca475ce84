package org.mashgateway.intake;

import static org.apache.activemq.artemis.api.core.Message.HDR_LARGE_BODY_SIZE;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.springframework.http.HttpStatus;

/**
 * A partner's queue message as the document it carries, read only when that is safe. Only text
 * and bytes messages hold documents: any other type is refused unread, so an ObjectMessage is never
 * deserialized (CVE-2026-40860). The size is checked on what the broker says before the body is
 * read, so a huge message is refused without the gateway copying it into a String or an array.
 */
sealed interface QueueMessageBody {

    /** The document's bytes, within {@code mash.ingress.max-bytes}. */
    record Document(byte[] bytes) implements QueueMessageBody {
    }

    /** Not a document the gateway will read; the body was not read. */
    record Unreadable(Refused refused) implements QueueMessageBody {
    }

    static QueueMessageBody read(Message message, long maxBytes) throws JMSException {
        if (message instanceof BytesMessage bytesMessage) {
            long length = bytesMessage.getBodyLength();
            if (length > maxBytes) {
                return tooLarge(maxBytes);
            }
            byte[] bytes = new byte[(int) length];
            bytesMessage.readBytes(bytes);
            return new Document(bytes);
        }
        if (message instanceof TextMessage textMessage) {
            // Artemis carries text as a marker byte, an int length and two bytes a character; more
            // characters than max-bytes means more UTF-8 bytes than max-bytes too: refused unread.
            if (carriedSize(textMessage) > 5 + 2 * maxBytes) {
                return tooLarge(maxBytes);
            }
            String text = textMessage.getText();
            byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
            // Up to three UTF-8 bytes a character: the exact limit is known only now.
            return bytes.length > maxBytes ? tooLarge(maxBytes) : new Document(bytes);
        }
        return new Unreadable(Refused.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MESSAGE_TYPE",
                "Only a text or bytes message holding the XML document is accepted."));
    }

    /**
     * The body size Artemis carried (the gateway's only broker), known without decoding the text. A
     * large message's is its {@code _AMQ_LARGE_SIZE} header (uncompressed), read as a long: the int
     * size would wrap past 2 GiB.
     */
    private static long carriedSize(TextMessage message) {
        ClientMessage core = ((ActiveMQMessage) message).getCoreMessage();
        return core.isLargeMessage() ? core.getLongProperty(HDR_LARGE_BODY_SIZE) : core.getBodySize();
    }

    private static Unreadable tooLarge(long maxBytes) {
        return new Unreadable(Refused.of(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_LARGE",
                "The document is larger than the " + maxBytes + " bytes accepted."));
    }
}
