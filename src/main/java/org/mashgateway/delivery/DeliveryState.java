package org.mashgateway.delivery;

import java.time.Instant;
import org.mashgateway.directory.Channel;
import org.mashgateway.policy.RecipientType;

/**
 * One row of the delivery table as the gateway knows it: references, codes and times only.
 *
 * @param outputReference the share's own gateway reference, null for NOT_SHARED
 * @param channel null for NOT_SHARED
 * @param reasonCode why it failed, was not shared, or (while PENDING) why the last attempt did not succeed
 * @param messageId the Message-ID of the mail, set when sent by mail
 * @param replacesReference the output reference a CORRECTION or WITHDRAWAL replaces, else null
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
        String replacesReference) {}
