package org.mashgateway.scheduling;

import org.apache.camel.spi.PropertiesFunction;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * The Camel placeholder function {@code millis}: {@code {{millis:mash.escalation.check-interval:PT1M}}}
 * is the Spring property's duration (ISO-8601 such as {@code PT1M}, or {@code 500ms}, {@code 10s}:
 * whatever the gateway's own settings accept) in milliseconds, or the default after the last
 * colon when the property is not set. Camel's own durations do not read ISO-8601, which every
 * {@code mash.*} interval is documented in.
 */
final class DurationMillis implements PropertiesFunction {

    private final Environment environment;

    DurationMillis(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String getName() {
        return "millis";
    }

    @Override
    public String apply(String remainder) {
        int colon = remainder.indexOf(':');
        String key = colon < 0 ? remainder : remainder.substring(0, colon);
        String value = environment.getProperty(key, colon < 0 ? null : remainder.substring(colon + 1));
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no duration for " + key + " and no default in {{millis:" + remainder + "}}");
        }
        return String.valueOf(DurationStyle.detectAndParse(value.trim()).toMillis());
    }
}
