package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mashgateway.scheduling.Pollers;
import org.mashgateway.support.MovableClock;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker claims ahead: up to four deliveries per sender in one claim, waiting in the node's
 * queue; it claims again only once the queue has run down to one per sender; and a delivery that
 * waited in the queue for more than half its lease is given back instead of being sent late.
 */
class DeliveryQueueTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T07:10:00Z"));
    private final DeliveryRecords records = mock(DeliveryRecords.class);
    private final DeliveryRoute route = mock(DeliveryRoute.class);
    private final List<List<Long>> claims = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> attempted = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstMayFinish = new CountDownLatch(1);
    private DeliveryWorker worker;

    @AfterEach
    void stop() {
        firstMayFinish.countDown();
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void one_claim_takes_four_per_sender_and_the_next_waits_until_the_queue_has_run_down() throws Exception {
        List<Long> due = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
        startWorker(due);

        await().atMost(Duration.ofSeconds(10)).until(() -> attempted.contains(1L));
        Thread.sleep(300); // many poll ticks while the one sender is busy with delivery 1
        assertThat(claims).as("one claim for the sender's four; none while three wait in the queue")
                .containsExactly(List.of(1L, 2L, 3L, 4L));

        firstMayFinish.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> attempted.size() == 8);
        assertThat(attempted).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(claims.stream().mapToInt(List::size).sum()).isEqualTo(8);
        assertThat(claims.size()).as("claims of several deliveries, not one each").isLessThanOrEqualTo(4);
    }

    @Test
    void a_delivery_that_waited_in_the_queue_for_more_than_half_its_lease_is_given_back_not_sent() throws Exception {
        startWorker(new ArrayList<>(List.of(1L, 2L, 3L, 4L)));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempted.contains(1L));

        clock.set(clock.instant().plus(LEASE.dividedBy(2)).plusSeconds(1));
        firstMayFinish.countDown();

        for (long late : List.of(2L, 3L, 4L)) {
            verify(records, org.mockito.Mockito.timeout(10_000)).release(late, "test-node");
        }
        assertThat(attempted).containsExactly(1L);
        verify(records, never()).release(eq(1L), any());
    }

    /** One sender; the outbox offers {@code due} (claimed ones leave it); delivery 1 takes until the test lets it finish. */
    private void startWorker(List<Long> due) {
        when(route.running()).thenReturn(true);
        when(records.due(any(), anyInt())).thenAnswer(call -> {
            synchronized (due) {
                return List.copyOf(due.subList(0, Math.min(due.size(), call.<Integer>getArgument(1))));
            }
        });
        when(records.claim(anyList(), eq("test-node"), any(), any())).thenAnswer(call -> {
            List<Long> wanted = List.copyOf(call.getArgument(0));
            synchronized (due) {
                due.removeAll(wanted);
            }
            claims.add(wanted);
            return wanted;
        });
        when(route.attempt(anyLong())).thenAnswer(call -> {
            long id = call.getArgument(0);
            attempted.add(id);
            if (id == 1L && !firstMayFinish.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let delivery 1 finish");
            }
            return true;
        });
        DeliveryProperties properties = new DeliveryProperties(10, Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofMillis(10), 1, LEASE, new DeliveryProperties.Worker(true), "test-node", null, true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TransactionTemplate transaction = mock(TransactionTemplate.class);
        when(transaction.execute(any())).thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        worker = new DeliveryWorker("test-node", records, mock(DeliveryEvents.class), mock(Courier.class), List.of(),
                route, transaction, properties, meters, clock, new Pollers(meters));
        worker.start();
    }
}
