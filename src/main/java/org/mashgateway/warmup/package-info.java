/**
 * Readiness after warming up: a node that has just started runs its hot paths (XML, S/MIME, the
 * SMTP connections) on made-up work before it says it is ready, so that the first real traffic a
 * load balancer sends it is not served by a cold JVM.
 */
package org.mashgateway.warmup;
