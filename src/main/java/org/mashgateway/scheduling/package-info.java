/**
 * The one way the gateway runs periodic work (outbox pollers, watches, reloads, expiry checks): a
 * named {@link org.mashgateway.scheduling.Poller} that survives any failure of one run, logs it
 * without its message and counts it in {@code mash_poller_failures_total{poller}}.
 */
package org.mashgateway.scheduling;
