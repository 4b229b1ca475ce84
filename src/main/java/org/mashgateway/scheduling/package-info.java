/**
 * How the gateway runs periodic work and after-commit work. Periodic work is a Camel route made
 * from the template {@code scheduled-work} ({@code routes/scheduled-work.camel.yaml}) with the route
 * configuration {@code scheduled}: a run that throws anything is counted in
 * {@code mash_poller_failures_total{poller}} and logged by class only ({@link
 * org.mashgateway.scheduling.ScheduledRuns}), and the next run happens; intervals are read by the
 * {@code millis:} placeholder function. The outbox worker's own feed, woken at every commit, runs on
 * a {@link org.mashgateway.scheduling.Poller}, which survives failures the same way. Work that must
 * wait for the caller's transaction to commit goes through {@link org.mashgateway.scheduling.AfterCommit}.
 */
package org.mashgateway.scheduling;
