package org.mashgateway.delivery;

import java.time.Instant;
import org.mashgateway.directory.Channel;
import org.mashgateway.policy.RecipientType;

/**
 * One entry of the outbox (the delivery table) as the gateway knows it: references, codes and times only.
 *
 * @param outputReference the share's own gateway reference, null for NOT_SHARED
 * @param channel null for NOT_SHARED
 * @param reasonCode why it failed, was not shared, or (while PENDING) why the last attempt did not succeed
 * @param messageId the Message-ID of the mail, set when sent by mail
 * @param replacesReference the output reference a CORRECTION or WITHDRAWAL replaces, else null
 * @param outboxKind what the entry carries; only a SHARE has a notification reference, force and recipient type
 * @param sourceReference what a non-SHARE entry carries or repeats (see V19__one_outbox.sql), else null
 */
public record DeliveryState(
        long deliveryId,
        String notificationReference,
        String outputReference,
        String sendingForce,
        RecipientType recipientType,
        String recipient,
        String kind,
        String documentType,
        Channel channel,
        DeliveryStatus status,
        String reasonCode,
        Instant dueBy,
        int attempts,
        Instant sentAt,
        String messageId,
        String replacesReference,
        OutboxKind outboxKind,
        String sourceReference) {}
