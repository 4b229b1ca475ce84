/**
 * Documents coming in: the one HTTPS ingress and the one queue ingress for every document a
 * partner sends (police notifications, information requests, and through
 * {@code PartnerDocumentIntake} information responses and acknowledgements), size limits, sender
 * checks, idempotency, and durable acceptance (202 / JMS commit only once persisted).
 */
package org.mashgateway.intake;
