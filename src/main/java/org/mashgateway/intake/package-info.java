/**
 * Documents coming in: HTTPS and queue ingress for police notifications, size limits, sender
 * checks, idempotency, and durable acceptance (202 / JMS commit only once persisted).
 */
package org.mashgateway.intake;
