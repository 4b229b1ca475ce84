package org.mashgateway.alertmail;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Where alerts are mailed ({@code mash.alerts.*}). Mailing is off while {@code mailTo} is empty.
 *
 * @param mailTo the MASH admins' address; empty: alerts are not mailed
 * @param certificate the admins' S/MIME certificate (PEM) every alert mail is encrypted to
 * @param coalesceWindow alerts of one reason code raised within this long of the last mail of that
 *     code go together in the next one
 * @param pollInterval how often the store is checked for alerts not yet mailed
 */
@Validated
@ConfigurationProperties("mash.alerts")
record AlertMailProperties(
        @DefaultValue("") String mailTo,
        Resource certificate,
        @DefaultValue("PT1M") @NotNull Duration coalesceWindow,
        @DefaultValue("PT10S") @NotNull Duration pollInterval) {

    boolean enabled() {
        return mailTo != null && !mailTo.isBlank();
    }
}
