/**
 * The one way the gateway runs periodic work (outbox pollers, watches, reloads, expiry checks): a
 * named {@link org.mashgateway.scheduling.Poller} that survives any failure of one run, logs it
 * without its message and counts it in {@code mash_poller_failures_total{poller}}; and the one way
 * work waits for the caller's transaction to commit ({@link org.mashgateway.scheduling.AfterCommit}).
 */
package org.mashgateway.scheduling;
