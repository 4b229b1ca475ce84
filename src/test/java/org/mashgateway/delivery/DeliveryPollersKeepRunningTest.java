package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
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
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.scheduling.ScheduledRouteFixture;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The delivery outbox's poller and the deadline watch go on after a run that throws anything. */
class DeliveryPollersKeepRunningTest {

    private static final Duration SHORT = Duration.ofMillis(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Pollers pollers = new Pollers(meters);

    private double failures(String poller) {
        return meters.get("mash.poller.failures").tag("poller", poller).counter().count();
    }

    @Test
    void the_delivery_poller_polls_again_after_an_error_and_an_unreachable_store() {
        DeliveryRecords records = mock(DeliveryRecords.class);
        when(records.due(any(), anyInt()))
                .thenThrow(new OutOfMemoryError("Java heap space"))
                .thenThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction"))
                .thenReturn(List.of());
        DeliveryProperties properties = new DeliveryProperties(10, Duration.ofSeconds(5), Duration.ofMinutes(10),
                SHORT, 2, Duration.ofMinutes(5), new DeliveryProperties.Worker(true), "test-node", null, true);
        DeliveryRoute route = mock(DeliveryRoute.class);
        when(route.running()).thenReturn(true);
        DeliveryWorker worker = new DeliveryWorker("test-node", records, mock(DeliveryEvents.class),
                mock(Courier.class), List.of(), route, mock(TransactionTemplate.class), properties, meters,
                Clock.systemUTC(), pollers);

        worker.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> verify(records, atLeast(3)).due(any(), anyInt()));
        } finally {
            worker.stop();
        }

        assertThat(failures("delivery")).isEqualTo(2.0);
    }

    @Test
    void the_deadline_watch_checks_again_after_an_error_and_an_unreachable_store() {
        JdbcClient jdbc = mock(JdbcClient.class);
        when(jdbc.sql(anyString()))
                .thenThrow(new OutOfMemoryError("Java heap space"))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        DeadlineWatch watch = new DeadlineWatch(jdbc, mock(PlatformTransactionManager.class), mock(Alerts.class),
                Clock.systemUTC(), Duration.ofHours(1));

        try (ScheduledRouteFixture route = ScheduledRouteFixture.run("deadline", watch, "check", SHORT)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(jdbc, atLeast(3)).sql(anyString()));
            assertThat(route.failures()).isGreaterThanOrEqualTo(2.0);
        }
    }
}
