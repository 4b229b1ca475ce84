package org.mashgateway.acknowledgement;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How acknowledgement links and escalation behave ({@code mash.acknowledgement.*}, {@code mash.escalation.*}).
 *
 * @param publicBaseUrl the address people reach the gateway at, the start of every link ({@code mash.public-base-url})
 * @param linkValidity how long a link still works after the delivery's DueBy, and at least after its mail was sent
 * @param failedLookupBurst failed link lookups within {@code failedLookupWindow} that raise a SECURITY alert
 * @param failedLookupWindow the window the failed lookups are counted in
 * @param schoolMargin how long before its DueBy an unacknowledged school notification is escalated
 * @param agencyFraction the share of the time from creation to DueBy after which an unacknowledged
 *     HIGH-risk agency notification is escalated
 * @param checkInterval how often the escalation check runs
 */
@Validated
@ConfigurationProperties("mash")
record AcknowledgementProperties(
        @NotNull String publicBaseUrl,
        @DefaultValue Acknowledgement acknowledgement,
        @DefaultValue Escalation escalation) {

    /** {@code mash.acknowledgement.*} */
    record Acknowledgement(
            @DefaultValue("P7D") @NotNull Duration linkValidity,
            @DefaultValue("20") @Positive int failedLookupBurst,
            @DefaultValue("PT1M") @NotNull Duration failedLookupWindow) {}

    /** {@code mash.escalation.*} */
    record Escalation(
            @DefaultValue("PT1H") @NotNull Duration schoolMargin,
            @DefaultValue("0.75") @DecimalMin("0.0") @DecimalMax("1.0") double agencyFraction,
            @DefaultValue("PT1M") @NotNull Duration checkInterval) {}
}
