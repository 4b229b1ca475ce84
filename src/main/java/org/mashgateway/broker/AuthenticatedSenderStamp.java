package org.mashgateway.broker;

import java.util.Objects;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message sent to the embedded broker with the user the broker authenticated for the
 * sending session, on every protocol, replacing whatever the client put in that property.
 *
 * <p>{@code populate-validated-user} alone is not enough once AMQP, STOMP and OpenWire clients
 * connect: an AMQP message keeps its application properties as the client wrote them, so a force
 * could send {@code _AMQ_VALIDATED_USER=<another force>} and be taken for it
 * ({@code PartnerProtocolsTest} fails without this plugin). The gateway judges a queue sender only
 * by this property, so it must be the broker's word, never the client's.
 */
final class AuthenticatedSenderStamp implements ActiveMQServerMessagePlugin {

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) {
        String user = session.getValidatedUser();
        Object stamped = message.getObjectProperty(Message.HDR_VALIDATED_USER);
        if (Objects.equals(user, stamped == null ? null : stamped.toString())) {
            return; // already the broker's word (every CORE send): no re-encoding on the hot path
        }
        if (user == null) {
            message.removeProperty(Message.HDR_VALIDATED_USER);
        } else {
            message.putStringProperty(Message.HDR_VALIDATED_USER, user);
        }
        message.reencode();
    }
}
