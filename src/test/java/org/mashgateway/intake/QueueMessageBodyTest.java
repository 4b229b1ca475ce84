package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import java.lang.reflect.Proxy;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQTextMessage;
import org.apache.activemq.artemis.reader.TextMessageUtil;
import org.junit.jupiter.api.Test;
import org.mashgateway.intake.QueueMessageBody.Document;
import org.mashgateway.intake.QueueMessageBody.Unreadable;

/**
 * A queue message's body is read only once its type and carried size allow it: the refusals here
 * come from messages whose body-reading methods fail the test if they are ever called.
 */
class QueueMessageBodyTest {

    private static final long MAX_BYTES = 1_048_576;
    private static final int FIVE_MB = 5 * 1024 * 1024;

    @Test
    void a_bytes_message_over_the_limit_is_refused_on_its_length_without_being_read() throws JMSException {
        BytesMessage message = message(BytesMessage.class, "getBodyLength", (long) FIVE_MB);

        assertThat(reasonCode(QueueMessageBody.read(message, MAX_BYTES))).isEqualTo("TOO_LARGE");
    }

    @Test
    void a_text_message_over_the_limit_is_refused_on_its_carried_size_without_being_decoded() throws JMSException {
        ActiveMQTextMessage message = text("x".repeat(FIVE_MB));

        assertThat(reasonCode(QueueMessageBody.read(message, MAX_BYTES))).isEqualTo("TOO_LARGE");
    }

    @Test
    void a_text_message_of_exactly_the_limit_is_read() throws JMSException {
        String document = "<a>" + "x".repeat((int) MAX_BYTES - 7) + "</a>";

        QueueMessageBody body = QueueMessageBody.read(readableText(document), MAX_BYTES);

        assertThat(body).isInstanceOf(Document.class);
        assertThat(((Document) body).bytes()).hasSize((int) MAX_BYTES);
    }

    @Test
    void a_text_message_within_the_carried_size_but_over_the_limit_in_utf8_is_refused_once_read() throws JMSException {
        // Two UTF-8 bytes a character: few enough characters to be read, too many bytes to be taken.
        String document = "é".repeat((int) MAX_BYTES / 2 + 1);

        assertThat(reasonCode(QueueMessageBody.read(readableText(document), MAX_BYTES))).isEqualTo("TOO_LARGE");
    }

    @Test
    void an_object_message_is_refused_without_being_deserialized() throws JMSException {
        ObjectMessage message = message(ObjectMessage.class, "none", null);

        assertThat(reasonCode(QueueMessageBody.read(message, MAX_BYTES))).isEqualTo("UNSUPPORTED_MESSAGE_TYPE");
    }

    private static String reasonCode(QueueMessageBody body) {
        assertThat(body).isInstanceOf(Unreadable.class);
        return ((Unreadable) body).refused().reasonCode();
    }

    /** A message whose only working method is {@code method}; calling any other fails the test. */
    private static <T extends Message> T message(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return answer;
            }
            throw new AssertionError(called.getName() + " called on a message that must stay unread");
        }));
    }

    /** An Artemis text message as a consumer receives it, whose text must never be decoded. */
    private static ActiveMQTextMessage text(String text) {
        return new ActiveMQTextMessage(core(text), null) {
            @Override
            public String getText() {
                throw new AssertionError("the text of a message that must stay unread was decoded");
            }
        };
    }

    private static ActiveMQTextMessage readableText(String text) throws JMSException {
        ActiveMQTextMessage message = new ActiveMQTextMessage(core(text), null);
        try {
            message.doBeforeReceive();
        } catch (ActiveMQException e) {
            throw new JMSException(e.getMessage());
        }
        return message;
    }

    private static ClientMessageImpl core(String text) {
        ClientMessageImpl core = new ClientMessageImpl(ActiveMQTextMessage.TYPE, true, 0, 0, (byte) 4, 1024);
        TextMessageUtil.writeBodyText(core.getBodyBuffer(), SimpleString.of(text));
        return core;
    }
}
