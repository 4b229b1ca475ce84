package org.mashgateway.broker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the embedded broker listens for partners and how often it redelivers inbound messages.
 *
 * @param listen whether partners' clients may connect over TCP (the in-VM connection always works)
 * @param host the listener's bind address; the demo refuses anything but loopback
 * @param port the listener's port
 * @param maxDeliveryAttempts deliveries of an inbound message before it goes to {@code mash.quarantine}
 * @param redeliveryDelay first delay before an inbound message is redelivered
 * @param maxRedeliveryDelay ceiling of the doubling redelivery delay
 */
@Validated
@ConfigurationProperties("mash.broker")
public record BrokerProperties(
        @DefaultValue("true") boolean listen,
        @DefaultValue("127.0.0.1") @NotBlank String host,
        @DefaultValue("61616") @Min(0) @Max(65535) int port,
        @DefaultValue("5") @Min(1) int maxDeliveryAttempts,
        @DefaultValue("1s") @NotNull Duration redeliveryDelay,
        @DefaultValue("30s") @NotNull Duration maxRedeliveryDelay) {}
