package org.mashgateway.support;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.mashgateway.broker.BrokerAddresses;

/**
 * A force's system sending notifications (the kill tests' standard workload) over the queue to an
 * external broker pair, persistent, one every {@code interval}, until told to stop. A send the
 * broker did not confirm (a fail-over under way) is sent again, as a force's client would; only
 * what the broker confirmed counts as {@link #accepted}.
 */
public final class QueueForce implements Runnable {

    private static final int ATTEMPTS = 60;

    private final ExternalBroker.Pair brokers;
    private final Duration interval;
    private final AtomicBoolean running;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    public QueueForce(ExternalBroker.Pair brokers, Duration interval, AtomicBoolean running) {
        this.brokers = brokers;
        this.interval = interval;
        this.running = running;
    }

    /** The ids of the notifications the broker confirmed. */
    public List<String> accepted() {
        return accepted;
    }

    @Override
    public void run() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokers.url(), ExternalBroker.FORCE_USER,
                brokers.primary().password());
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.NOTIFICATIONS));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (running.get()) {
                Notifications notification = Notifications.standardWorkload();
                String xml = notification.xml();
                for (int attempt = 1; ; attempt++) {
                    try {
                        producer.send(session.createTextMessage(xml));
                        accepted.add(notification.id());
                        break;
                    } catch (JMSException e) {
                        if (attempt == ATTEMPTS) {
                            throw e;
                        }
                        Thread.sleep(500);
                    }
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
