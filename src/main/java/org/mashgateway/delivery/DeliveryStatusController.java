package org.mashgateway.delivery;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.security.Callers;
import org.mashgateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications/{notificationId}}: where each output of a force's notification
 * stands, for the force that sent it. Any other caller hears 404, exactly as for an id the gateway
 * never saw, so the endpoint cannot be used to learn another force's notification ids.
 */
@RestController
class DeliveryStatusController {

    private final JdbcClient jdbc;
    private final DeliveryRecords records;

    DeliveryStatusController(JdbcClient jdbc, DeliveryRecords records) {
        this.jdbc = jdbc;
        this.records = records;
    }

    @GetMapping(path = "/api/v1/notifications/{notificationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> status(@PathVariable String notificationId, HttpServletRequest request) {
        Caller caller = Callers.of(request);
        Optional<Notification> notification = caller.kind() == CallerKind.FORCE
                ? jdbc.sql("SELECT notification_id, reference, received_at FROM received_notification "
                                + "WHERE notification_id = ? AND force_code = ?")
                        .params(notificationId, caller.code())
                        .query((rs, row) -> new Notification(rs.getString(1), rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant()))
                        .optional()
                : Optional.empty();
        if (notification.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.NOT_FOUND, "NOTIFICATION_NOT_FOUND",
                            "No notification with this id from your force is held by the gateway."));
        }
        List<DeliveryView> deliveries = records.ofNotification(notification.get().reference()).stream()
                .map(DeliveryView::of)
                .toList();
        return ResponseEntity.ok(new StatusView(notification.get().id(), notification.get().reference(),
                notification.get().receivedAt(), deliveries));
    }

    private record Notification(String id, String reference, Instant receivedAt) {}

    /** The status body of interfaces.md. */
    record StatusView(String id, String reference, Instant receivedAt, List<DeliveryView> deliveries) {}

    /**
     * One output: codes, references and times only; {@code reason} is a code. {@code kind} and
     * {@code replaces} add to the contract's body: NOTIFICATION, CORRECTION or WITHDRAWAL (null when
     * NOT_SHARED), and for the last two the output reference the recipient had received.
     */
    record DeliveryView(String recipientType, String recipient, String status, Instant dueBy, Instant sentAt,
            String reason, String kind, String replaces) {

        static DeliveryView of(DeliveryState state) {
            return new DeliveryView(state.recipientType().name(), state.recipient(), state.status().name(),
                    state.dueBy(), state.sentAt(), state.reasonCode(), state.kind(), state.replacesReference());
        }
    }
}
