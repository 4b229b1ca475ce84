package org.mashgateway.exchange;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the casework outbox is sent to {@code mash.out.casework}.
 *
 * @param pollInterval how often the dispatcher looks for due outputs (it is also woken when new ones commit)
 * @param lease how long a claimed output belongs to the node sending it; another node takes it over after
 * @param maxBackoff longest wait between two attempts while the broker refuses
 * @param enabled whether this node sends casework output at all
 */
@Validated
@ConfigurationProperties("mash.casework")
record CaseworkProperties(
        @DefaultValue("PT5S") @NotNull Duration pollInterval,
        @DefaultValue("PT1M") @NotNull Duration lease,
        @DefaultValue("PT5M") @NotNull Duration maxBackoff,
        @DefaultValue("true") boolean enabled) {}
