package org.mashgateway.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox worker retries and how much it does at once.
 *
 * @param maxAttempts attempts (the first included) before a transiently failing share is FAILED; a
 *     share whose DueBy is still ahead is retried until then however many attempts it took
 * @param initialBackoff wait after a share's first transient failure; doubled after each further one
 * @param maxBackoff longest wait between two attempts at a share
 * @param retryUntilDueBy false: a share is FAILED after {@code maxAttempts} even with its DueBy ahead (as
 *     before issue 15), for an area that wants every long outage in front of an admin at once
 * @param retry the same three for the other kinds of entry, by {@link OutboxKind#key()}
 *     ({@code mash.delivery.retry.casework.max-attempts}, ...); what is not set is the kind's default
 * @param pollInterval how often the worker looks for due deliveries (it is also woken at once
 *     when new ones commit)
 * @param threads deliveries sent at the same time by this node
 * @param lease how long a claimed delivery belongs to the node that claimed it; a node that dies
 *     holding one leaves it to be claimed again when the lease runs out. A claimed delivery waiting
 *     in the node's queue is started within half its lease or given back, so a lease longer than
 *     twice the slowest attempt (two connections' connect and read timeouts) means a live node
 *     never loses a claim mid-send
 * @param worker whether this node sends at all
 * @param nodeId this node's name in delivery claims and leases on scheduled work
 *     ({@link org.mashgateway.scheduling.NodeName}); empty for the host name and data directory,
 *     which tells apart every node except two started from the same folder on one host
 */
@Validated
@ConfigurationProperties("mash.delivery")
record DeliveryProperties(
        @DefaultValue("10") @Positive int maxAttempts,
        @DefaultValue("PT5S") @NotNull Duration initialBackoff,
        @DefaultValue("PT10M") @NotNull Duration maxBackoff,
        @DefaultValue("PT0.2S") @NotNull Duration pollInterval,
        @DefaultValue("4") @Positive @Max(32) int threads,
        @DefaultValue("PT5M") @NotNull Duration lease,
        @DefaultValue @NotNull Worker worker,
        String nodeId,
        Map<String, Retry> retry,
        @DefaultValue("true") boolean retryUntilDueBy) {

    /**
     * How one kind of entry is retried; a null field takes the kind's default.
     *
     * @param maxAttempts attempts (the first included) before a transiently failing entry is FAILED
     * @param initialBackoff wait after the first transient failure; doubled after each further one
     * @param maxBackoff longest wait between two attempts
     */
    record Retry(@Positive Integer maxAttempts, Duration initialBackoff, Duration maxBackoff) {

        /** The wait before the next attempt after {@code attemptsMade} transient failures in a row. */
        Duration backoffAfter(int attemptsMade) {
            Duration wait = initialBackoff;
            for (int i = 1; i < attemptsMade && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }

        /**
         * Whether an entry that failed transiently for the {@code attemptsMade}th time is tried
         * again at {@code next}: while attempts remain, and for an entry with a deadline also while
         * that attempt comes before it, so an outage longer than the retry period (a relay down
         * overnight) delays a school's notification rather than failing it hours before 08:00.
         */
        boolean retries(int attemptsMade, Instant next, Instant dueBy) {
            return attemptsMade < maxAttempts || (dueBy != null && next.isBefore(dueBy));
        }

        private Retry or(Retry defaults) {
            return new Retry(maxAttempts != null ? maxAttempts : defaults.maxAttempts,
                    initialBackoff != null ? initialBackoff : defaults.initialBackoff,
                    maxBackoff != null ? maxBackoff : defaults.maxBackoff);
        }
    }

    /**
     * Defaults of the other kinds: a casework document and an alert mail wait out a broker or relay
     * outage of days (an alert every few minutes would only say the same); a deputy's copy is
     * urgent but no use days late.
     */
    private static final Map<OutboxKind, Retry> KIND_DEFAULTS = Map.of(
            OutboxKind.CASEWORK, new Retry(2000, Duration.ofSeconds(2), Duration.ofMinutes(5)),
            OutboxKind.DEPUTY_COPY, new Retry(10, Duration.ofMinutes(1), Duration.ofMinutes(30)),
            OutboxKind.ALERT_MAIL, new Retry(2000, Duration.ofSeconds(30), Duration.ofMinutes(5)));

    /** @param enabled false leaves scheduled deliveries PENDING in the outbox (another node sends them) */
    record Worker(@DefaultValue("true") boolean enabled) {}

    /** How entries of {@code kind} are retried. */
    Retry retryOf(OutboxKind kind) {
        Retry defaults = kind == OutboxKind.SHARE ? new Retry(maxAttempts, initialBackoff, maxBackoff) : KIND_DEFAULTS.get(kind);
        Retry configured = retry == null ? null : retry.get(kind.key());
        return configured == null ? defaults : configured.or(defaults);
    }
}
