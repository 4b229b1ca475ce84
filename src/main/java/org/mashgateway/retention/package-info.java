/**
 * Retention: destroys what the gateway holds of a message once its retention period has ended.
 * The job ({@code RetentionJob}) crypto-shreds each stored body past its period (per document type,
 * {@code mash.retention.*}) and writes a {@code DESTROYED} decision in the same transaction; the
 * broker's quarantine and dead-letter copies expire by the broker's own address settings. The
 * decision trail itself is never destroyed (docs/message-store.md, docs/audit.md).
 */
package org.mashgateway.retention;
