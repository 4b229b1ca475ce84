package org.mashgateway.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page needs besides its own data: times written one way, in UTC. */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
class ConsolePages {

    /** Writes an instant as {@code 2026-11-22 09:30:00Z}, or a dash for none. */
    static final class Times {

        private static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

        public String of(Instant instant) {
            return instant == null ? "–" : FORMAT.format(instant);
        }
    }

    private static final Times TIMES = new Times();

    @ModelAttribute("times")
    Times times() {
        return TIMES;
    }
}
