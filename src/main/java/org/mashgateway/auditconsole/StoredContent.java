package org.mashgateway.auditconsole;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.delivery.DeliveryBody;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.store.MessageStore;
import org.springframework.stereotype.Component;

/**
 * Reads what the gateway holds under a gateway reference, decrypted, for an auditor: for an output
 * (a share to an agency or a school) the title, the text for people and the minimised XML the
 * recipient was sent; for an input (a notification, a request) the XML as received.
 */
@Component
class StoredContent {

    private final MessageStore store;
    private final Deliveries deliveries;

    StoredContent(MessageStore store, Deliveries deliveries) {
        this.store = store;
        this.deliveries = deliveries;
    }

    /** The content of this reference; empty when nothing was stored under it or it has been destroyed. */
    Optional<Content> of(String reference) {
        Optional<byte[]> body = store.get(reference);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Optional<DeliveryState> output = deliveries.byOutputReference(reference);
        if (output.isPresent()) {
            DeliveryBody delivered = DeliveryBody.unpack(body.get());
            return Optional.of(new Content(reference, output.get().documentType(), delivered.title(), delivered.text(),
                    new String(delivered.document(), StandardCharsets.UTF_8)));
        }
        return Optional.of(new Content(reference, null, null, null, new String(body.get(), StandardCharsets.UTF_8)));
    }

    /**
     * A message's content as an auditor sees it.
     *
     * @param documentType the output's document type; null for an input
     * @param title        the mail title of an output; null for an input
     * @param text         the rendering for people of an output; null for an input
     * @param xml          the document
     */
    record Content(String reference, String documentType, String title, String text, String xml) {

        public boolean isOutput() {
            return text != null;
        }
    }
}
