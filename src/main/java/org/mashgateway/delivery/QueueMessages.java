package org.mashgateway.delivery;

import static org.mashgateway.broker.MessageProperties.CLASSIFICATION;
import static org.mashgateway.broker.MessageProperties.DOCUMENT_TYPE;
import static org.mashgateway.broker.MessageProperties.KIND;
import static org.mashgateway.broker.MessageProperties.REFERENCE;

import jakarta.jms.BytesMessage;
import org.mashgateway.classification.Classification;
import org.springframework.jms.core.MessageCreator;

/**
 * The one way an outbox entry is put on a queue (an agency's, the case system's, the dead-letter
 * queue): the protected bytes, and only the properties the contract allows (interfaces.md):
 * reference, document type, classification and kind, never content.
 */
public final class QueueMessages {

    private QueueMessages() {}

    public static MessageCreator protectedEntry(DeliveryState entry, byte[] protectedMime) {
        return session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(protectedMime);
            message.setStringProperty(REFERENCE, entry.outputReference());
            message.setStringProperty(DOCUMENT_TYPE, entry.documentType());
            message.setStringProperty(CLASSIFICATION, Classification.OFFICIAL_SENSITIVE.marking());
            message.setStringProperty(KIND, entry.kind());
            return message;
        };
    }
}
