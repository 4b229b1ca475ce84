package org.mashgateway.support;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Optional;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.store.MessageStore;

/**
 * Browses {@code mash.quarantine} as the gateway does (in-VM) for the copy of a refused document:
 * the queue's message names the store reference the document is kept under, encrypted; the message
 * itself carries no content.
 */
public final class QuarantineBrowser {

    private QuarantineBrowser() {
    }

    /** The quarantine message and the stored document that holds {@code text}, waiting up to 30 s. */
    public static Copy copyHolding(ConnectionFactory gatewayConnections, MessageStore store, String text)
            throws JMSException, InterruptedException {
        try (Connection connection = gatewayConnections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (int attempt = 0; attempt < 300; attempt++) {
                Enumeration<?> browsed = session.createBrowser(session.createQueue(BrokerAddresses.QUARANTINE))
                        .getEnumeration();
                while (browsed.hasMoreElements()) {
                    Message message = (Message) browsed.nextElement();
                    String reference = message.getStringProperty("MashReference");
                    Optional<byte[]> document = reference == null ? Optional.empty() : store.get(reference);
                    if (document.isPresent() && new String(document.get(), StandardCharsets.UTF_8).contains(text)) {
                        return new Copy(message, reference, bodyLength(message));
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("nothing quarantined holding the text looked for");
        }
    }

    private static long bodyLength(Message message) throws JMSException {
        return message instanceof BytesMessage bytes ? bytes.getBodyLength() : message.getBody(String.class).length();
    }

    /**
     * One quarantined document.
     *
     * @param message         the quarantine queue's message (reason code and intake as properties)
     * @param reference       the store reference its document is kept under
     * @param brokerBodyBytes the size of the message's own body, which must be 0
     */
    public record Copy(Message message, String reference, long brokerBodyBytes) {}
}
