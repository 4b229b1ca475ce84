package org.mashgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What police systems posted to the gateway over HTTPS in a kill test and what each was answered:
 * a notification without a 202 (the node died under it, or was not ready) is sent again at the end,
 * to a node that is up, as a police system would.
 */
public final class PoliceLedger {

    private static final String NOTIFICATIONS = "/api/v1/notifications";

    /** One notification: its answer's status (0: none yet) and the reference it was answered with. */
    public record Sent(String id, String xml, int status, String reference) {}

    private final Map<String, Sent> sent = new ConcurrentHashMap<>();

    public void post(GatewayClient client, Notifications notification) {
        String xml = notification.xml();
        sent.put(notification.id(), new Sent(notification.id(), xml, 0, null));
        try {
            GatewayClient.Answer answer = client.postXml(NOTIFICATIONS, xml);
            if (answer.status() == 202) {
                sent.put(notification.id(), new Sent(notification.id(), xml, 202, answer.json().path("reference").asText()));
            }
        } catch (IllegalStateException noAnswer) {
            // The node died under the request: sent again at the end.
            pause();
        }
    }

    /** What got no 202 goes to {@code client}'s node: accepted now, or recognised if a dead node had stored it. */
    public void resendUnanswered(GatewayClient client) {
        for (Sent entry : List.copyOf(sent.values())) {
            if (entry.status() != 0) {
                continue;
            }
            GatewayClient.Answer answer = client.postXml(NOTIFICATIONS, entry.xml());
            assertThat(answer.status()).as("resend of %s", entry.id()).isIn(200, 202);
            sent.put(entry.id(), new Sent(entry.id(), entry.xml(), answer.status(), answer.json().path("reference").asText()));
        }
    }

    public Collection<Sent> entries() {
        return sent.values();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
