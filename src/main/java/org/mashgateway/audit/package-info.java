/**
 * The decision record: the append-only, hash-chained audit trail of every decision the gateway
 * makes (sharing-rules.md "The decision record"). {@link org.mashgateway.audit.DecisionLog} is the
 * one place that writes decisions; {@link org.mashgateway.audit.SubjectKeys} turns a name and date
 * of birth into the keyed hash the record holds instead of the person; {@link
 * org.mashgateway.audit.Checkpoints} anchors the chain outside the database with signed checkpoints
 * of its head, which {@link org.mashgateway.audit.ChainCheck} verifies it against. The record holds no
 * message content and no names. See docs/audit.md.
 */
package org.mashgateway.audit;
