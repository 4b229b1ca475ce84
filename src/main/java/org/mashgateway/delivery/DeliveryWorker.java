package org.mashgateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.mashgateway.directory.Channel;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is in the outbox, every kind of entry alike ({@link OutboxKind}; the kind's
 * {@link OutboxContent} builds the message and says what its outcome means). A poller looks for due PENDING entries every
 * {@code mash.delivery.poll-interval} (and at once when new ones commit), claims them with a lease,
 * several in one transaction, and hands them to a small fixed pool of senders, each running its
 * attempt through the {@link DeliveryRoute} (nothing is claimed while an admin has that route
 * paused). Each delivery is settled on its own: SENT, back in the outbox for later after a
 * transient fault, or FAILED (alert, dead-letter queue). An exception in one delivery never stops
 * the others.
 *
 * <p>The claim is made and the outcome recorded in separate short transactions, with the send in
 * between: a crash after sending and before recording leaves the delivery PENDING, and it is sent
 * again, with the same Message-ID, when the node restarts or, by another node, when its lease runs
 * out.
 */
final class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** Starts after the broker and the mail server it sends to, stops before them. */
    private static final int PHASE = Integer.MAX_VALUE - 2000;

    /** Due deliveries read by one query of the outbox, then claimed as senders free up. */
    private static final int DUE_BATCH = 32;

    /**
     * Deliveries a node holds claimed per sender: the one being sent and the next ones waiting in
     * this node's queue. The queue is refilled only once it has run down to one per sender, so under
     * load one claim (one commit) takes several deliveries rather than one per freed sender.
     */
    private static final int CLAIMED_PER_SENDER = 4;

    /**
     * How long a read batch is worked through before the outbox is read again: a delivery made due
     * meanwhile ahead of the batch (a retry brought forward) waits at most this long for its turn.
     */
    private static final Duration BATCH_FRESH_FOR = Duration.ofSeconds(1);

    /** The outcome of an attempt that sent; any other outcome is a reason code. */
    static final String SENT = "SENT";

    /** Faults that say a whole channel is down (rather than one recipient refusing). */
    static final List<String> CHANNEL_DOWN = List.of("SMTP_UNAVAILABLE", "SMTP_LOGIN_FAILED", "BROKER_UNAVAILABLE");

    private final DeliveryRecords records;
    private final DeliveryEvents events;
    private final Courier courier;
    private final Map<OutboxKind, OutboxContent> contents = new EnumMap<>(OutboxKind.class);
    private final DeliveryRoute route;
    private final TransactionTemplate transaction;
    private final DeliveryProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String node;
    /** Claimed deliveries this node can still take on: each held from its claim until it is settled. */
    private final Semaphore freeSlots;
    private final int slots;
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    /** The last poll stopped for want of room in the queue, not of due deliveries: a freed sender polls again. */
    private final AtomicBoolean backlog = new AtomicBoolean();
    /** Channels this node has seen down since it last saw them work. */
    private final Set<Channel> channelsSeenDown = ConcurrentHashMap.newKeySet();
    /** The batch being handed out; only the poller's thread touches it. */
    private final Deque<Long> dueBatch = new ArrayDeque<>();
    private Instant dueBatchReadAt = Instant.MIN;
    private final Pollers pollers;
    private Poller poller;
    private ExecutorService senders;
    private volatile boolean running;
    /** The route was seen paused at the last poll: logged once per pause, not every poll. */
    private boolean routeSeenPaused;

    DeliveryWorker(String node, DeliveryRecords records, DeliveryEvents events, Courier courier,
            List<OutboxContent> contents, DeliveryRoute route, TransactionTemplate transaction,
            DeliveryProperties properties, MeterRegistry meters, Clock clock, Pollers pollers) {
        this.node = node;
        this.records = records;
        this.events = events;
        this.courier = courier;
        contents.forEach(content -> this.contents.put(content.kind(), content));
        this.route = route;
        this.transaction = transaction;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.slots = properties.threads() * CLAIMED_PER_SENDER;
        this.freeSlots = new Semaphore(slots);
        this.pollers = pollers;
    }

    /** Looks for due deliveries now rather than at the next tick (new deliveries have committed). */
    void wake() {
        if (running && pollQueued.compareAndSet(false, true)) {
            poller.wake();
        }
    }

    /** Who this node is in the {@code claimed_by} column: the same on every run of the same node. */
    String node() {
        return node;
    }

    @Override
    public synchronized void start() {
        // Claims under this node's name are from a run that ended without settling them (a crash):
        // no need to wait for their lease.
        int released = records.releaseClaimsOf(node);
        if (released > 0) {
            log.info("Delivery worker {}: {} deliveries claimed by its previous run are due again", node, released);
        }
        AtomicInteger senderNumber = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.threads(), task -> {
            Thread thread = new Thread(task, "delivery-" + senderNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        poller = pollers.start("delivery", Duration.ZERO, properties.pollInterval(), this::poll);
        log.info("Delivery worker {} started: {} senders, polling every {} ms", node, properties.threads(),
                properties.pollInterval().toMillis());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) {
            poller.stop();
            senders.shutdown();
            try {
                // Deliveries in flight finish (and are recorded); any cut short stay PENDING for the next start.
                if (!senders.awaitTermination(properties.pollInterval().toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                    senders.shutdownNow();
                }
            } catch (InterruptedException e) {
                senders.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.worker().enabled();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Once this node's queue of claimed deliveries has run down to one per sender, claims due
     * deliveries to fill it, and queues each for a sender. Due deliveries are read from the outbox in
     * batches and handed out from memory, and claimed together in one transaction, so a refill costs
     * one claim (one commit), not a query of the backlog and a commit per delivery. A poll that fails
     * (the store is down) claims nothing; {@link Pollers} counts it and the next tick tries again.
     */
    private void poll() {
        pollQueued.set(false);
        if (!routeRunning()) {
            backlog.set(false);
            return;
        }
        backlog.set(true);
        int claimedSinceRead = -1;
        while (running && freeSlots.availablePermits() >= slots - properties.threads()) {
            Instant now = clock.instant();
            if (dueBatch.isEmpty() || now.isAfter(dueBatchReadAt.plus(BATCH_FRESH_FOR))) {
                if (claimedSinceRead == 0) {
                    // Every delivery read in this poll was claimed by another node meanwhile: leave
                    // the rest to the next tick.
                    backlog.set(false);
                    return;
                }
                dueBatch.clear();
                dueBatch.addAll(records.due(now, DUE_BATCH));
                dueBatchReadAt = now;
                claimedSinceRead = 0;
                if (dueBatch.isEmpty()) {
                    backlog.set(false);
                    return;
                }
            }
            // Claim as many as there is room for in one transaction (one commit, however many).
            int free = freeSlots.availablePermits();
            List<Long> wanted = new ArrayList<>(free);
            while (wanted.size() < free && !dueBatch.isEmpty()) {
                wanted.add(dueBatch.poll());
            }
            Instant claimedAt = clock.instant();
            // Those not claimed were taken by another node, or tried and put back for later.
            List<Long> claimed = transaction.execute(
                    status -> records.claim(wanted, node, claimedAt, claimedAt.plus(properties.lease())));
            for (long deliveryId : claimed) {
                if (!freeSlots.tryAcquire()) {
                    // Cannot happen (only this thread takes slots); the claim lapses if it does.
                    return;
                }
                claimedSinceRead++;
                send(deliveryId, claimedAt.plus(properties.lease().dividedBy(2)));
            }
        }
    }

    /**
     * Queues a claimed delivery for the next free sender. One that waited in the queue for more than
     * half its lease (slow sends ahead of it, such as connection timeouts in an outage) is given back
     * rather than started so late that its lease could run out mid-send and another node send it too.
     */
    private void send(long deliveryId, Instant sendBefore) {
        senders.execute(() -> {
            try {
                if (!running || clock.instant().isAfter(sendBefore) || !route.attempt(deliveryId)) {
                    // Stopping, waited too long, or paused between the claim and the send: the
                    // delivery waits in the outbox, unclaimed.
                    records.release(deliveryId, node);
                }
            } catch (RuntimeException e) {
                // Settling failed (the store went away): the claim lapses and the delivery is tried again.
                log.warn("Delivery {} not settled ({}); it is tried again after its lease", deliveryId,
                        e.getClass().getSimpleName());
            } finally {
                freeSlots.release();
                if (backlog.get()) {
                    wake();
                }
            }
        });
    }

    private boolean routeRunning() {
        boolean running = route.running();
        if (running == routeSeenPaused) {
            routeSeenPaused = !running;
            if (running) {
                log.info("Delivery route running: node {} claims deliveries again", node);
            } else {
                log.info("Delivery route not running (paused, or not started yet): node {} claims no deliveries; "
                        + "they wait in the outbox", node);
            }
        }
        return running;
    }

    /**
     * One attempt at one claimed entry, run by the delivery route; whatever happens, it is settled or
     * left to its lease.
     *
     * @return {@link #SENT}, or the reason code of the failure
     */
    String attempt(long deliveryId) {
        DeliveryState entry;
        try {
            entry = records.find(deliveryId).orElseThrow();
        } catch (RuntimeException e) {
            log.warn("Delivery {} could not be read ({}); it is tried again after its lease", deliveryId,
                    e.getClass().getSimpleName());
            return "DELIVERY_NOT_READ";
        }
        OutboxContent content = contents.get(entry.outboxKind());
        Timer.Sample sample = Timer.start(meters);
        String outcome = SENT;
        try {
            if (content == null) {
                throw DeliveryFailure.permanent("OUTBOX_KIND_NOT_CONFIGURED", entry.outboxKind().name());
            }
            String messageId = content.send(entry);
            sent(entry, content, messageId);
        } catch (DeliveryFailure failure) {
            outcome = failure.reasonCode();
            failed(entry, content, failure);
        } catch (RuntimeException e) {
            // Anything unforeseen is treated as transient: retried with back-off, FAILED when exhausted.
            outcome = "DELIVERY_ERROR";
            failed(entry, content, DeliveryFailure.retryable("DELIVERY_ERROR", e.getClass().getSimpleName(), e));
        } finally {
            // Codes only: never the recipient (a school URN would also make one series per school).
            sample.stop(meters.timer("mash.delivery.duration", "kind", entry.outboxKind().key(),
                    "channel", entry.channel().name(), "recipient_type", recipientTypeOf(entry),
                    "document_type", String.valueOf(entry.documentType()), "outcome", outcome));
        }
        return outcome;
    }

    private static String recipientTypeOf(DeliveryState entry) {
        return entry.recipientType() == null ? "NONE" : entry.recipientType().name();
    }

    private void sent(DeliveryState entry, OutboxContent content, String messageId) {
        Instant now = clock.instant();
        int attemptsMade = entry.attempts() + 1;
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!records.markSent(entry.deliveryId(), node, now, messageId)) {
                return false;
            }
            events.record(entry.deliveryId(), DeliveryEvents.SENT, DeliveryStatus.SENT, null, attemptsMade, null, now);
            content.sent(entry, attemptsMade);
            return true;
        }));
        meters.counter("mash.delivery", "kind", entry.outboxKind().key(), "channel", entry.channel().name(),
                "outcome", "SENT").increment();
        if (channelsSeenDown.remove(entry.channel())) {
            // The channel works again: what is waiting out a back-off for its outage goes now, not
            // up to mash.delivery.max-backoff later.
            int pulled = records.retryNow(entry.channel(), CHANNEL_DOWN, clock.instant());
            log.info("{} delivery works again: {} waiting deliveries are due now", entry.channel(), pulled);
            wake();
        }
        if (recorded) {
            log.info("{} {} to {} {} sent by {}", entry.outboxKind(), entry.outputReference(), recipientTypeOf(entry),
                    entry.recipient(), entry.channel());
        } else {
            log.warn("Delivery {} was sent but its lease had passed to another node", entry.outputReference());
        }
    }

    private void failed(DeliveryState entry, OutboxContent content, DeliveryFailure failure) {
        int attemptsMade = entry.attempts() + 1;
        Instant now = clock.instant();
        if (CHANNEL_DOWN.contains(failure.reasonCode())) {
            channelsSeenDown.add(entry.channel());
        }
        DeliveryProperties.Retry retry = properties.retryOf(entry.outboxKind());
        Instant next = now.plus(retry.backoffAfter(attemptsMade));
        if (failure.isTransient() && retry.retries(attemptsMade, next, properties.retryUntilDueBy() ? entry.dueBy() : null)) {
            transaction.executeWithoutResult(status -> {
                if (records.retryLater(entry.deliveryId(), node, now, next, failure.reasonCode())) {
                    events.record(entry.deliveryId(), DeliveryEvents.ATTEMPT_FAILED, DeliveryStatus.PENDING,
                            failure.reasonCode(), attemptsMade, null, now);
                }
            });
            meters.counter("mash.delivery", "kind", entry.outboxKind().key(), "channel", entry.channel().name(),
                    "outcome", "RETRY").increment();
            log.info("{} {} attempt {} failed ({}); next attempt at {}", entry.outboxKind(), entry.outputReference(),
                    attemptsMade, failure.reasonCode(), next);
            return;
        }
        String reason = failure.isTransient() ? "RETRIES_EXHAUSTED" : failure.reasonCode();
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!records.markFailed(entry.deliveryId(), node, now, reason)) {
                return false;
            }
            if (failure.isTransient()) {
                // The history keeps the fault of the last attempt, which RETRIES_EXHAUSTED would hide.
                events.record(entry.deliveryId(), DeliveryEvents.ATTEMPT_FAILED, DeliveryStatus.FAILED,
                        failure.reasonCode(), attemptsMade, null, now);
            }
            events.record(entry.deliveryId(), DeliveryEvents.FAILED, DeliveryStatus.FAILED, reason, attemptsMade,
                    null, now);
            if (content != null) {
                content.failed(entry, reason, failure.isTransient() ? failure.reasonCode() : null, attemptsMade);
            }
            return true;
        }));
        if (!recorded) {
            return;
        }
        meters.counter("mash.delivery", "kind", entry.outboxKind().key(), "channel", entry.channel().name(),
                "outcome", "FAILED").increment();
        log.warn("{} {} FAILED: {}", entry.outboxKind(), entry.outputReference(), reason);
        byte[] mime = failure.protectedMime();
        if (mime != null) {
            try {
                courier.park(entry, mime);
            } catch (RuntimeException e) {
                log.error("Delivery {} FAILED but could not be parked on the dead-letter queue ({})",
                        entry.outputReference(), e.getClass().getSimpleName());
            }
        }
    }
}
