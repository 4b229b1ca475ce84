package org.mashgateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Directory;
import org.mashgateway.protection.MessageProtection;
import org.mashgateway.protection.SecurityLabel;
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.store.MessageStore;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** The casework outbox is polled again after a poll that throws anything. */
class CaseworkDispatcherKeepsPollingTest {

    @Test
    void the_casework_dispatcher_polls_again_after_an_error_and_an_unreachable_store() {
        CaseworkOutputs outputs = mock(CaseworkOutputs.class);
        when(outputs.due(any(), anyInt()))
                .thenThrow(new OutOfMemoryError("Java heap space"))
                .thenThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction"))
                .thenReturn(List.of());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CaseworkDispatcher dispatcher = new CaseworkDispatcher(outputs, mock(MessageStore.class),
                mock(Directory.class), mock(MessageProtection.class), mock(SecurityLabel.class), mock(JmsTemplate.class),
                mock(DecisionLog.class), mock(Alerts.class), mock(TransactionTemplate.class),
                new CaseworkProperties(Duration.ofMillis(10), Duration.ofMinutes(1), Duration.ofMinutes(5), true),
                Clock.systemUTC(), new Pollers(meters));

        dispatcher.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> verify(outputs, atLeast(3)).due(any(), anyInt()));
        } finally {
            dispatcher.stop();
        }

        assertThat(meters.get("mash.poller.failures").tag("poller", "casework").counter().count()).isEqualTo(2.0);
    }
}
