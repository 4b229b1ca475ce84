package org.mashgateway.retention;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the gateway keeps what it holds of a message.
 *
 * @param messageDays days a stored body is kept, for every document type without a rule of its own
 * @param days        days per document type (its root element name, e.g. {@code SchoolNotification}),
 *                    overriding {@code messageDays}
 * @param interval    how often the retention job runs
 * @param batchSize   bodies destroyed per query; the job repeats until none is left past its period
 */
@Validated
@ConfigurationProperties("mash.retention")
public record RetentionProperties(
        @DefaultValue("90") @Positive int messageDays,
        Map<String, @NotNull @Positive Integer> days,
        @DefaultValue("PT1H") @NotNull Duration interval,
        @DefaultValue("500") @Positive int batchSize) {

    public RetentionProperties {
        // Document types compare without case: property keys may be given in any.
        Map<String, Integer> byType = new TreeMap<>();
        if (days != null) {
            days.forEach((type, kept) -> byType.put(type.toLowerCase(Locale.ROOT), kept));
        }
        days = Map.copyOf(byType);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("mash.retention.interval must be positive");
        }
    }

    /** Days a body of this document type is kept. */
    public int daysFor(String documentType) {
        return documentType == null ? messageDays : days.getOrDefault(documentType.toLowerCase(Locale.ROOT), messageDays);
    }

    /** The shortest period of any rule: nothing younger can be past its period. */
    int shortestDays() {
        return Math.min(messageDays, days.values().stream().mapToInt(Integer::intValue).min().orElse(messageDays));
    }
}
