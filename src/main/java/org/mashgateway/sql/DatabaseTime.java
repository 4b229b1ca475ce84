package org.mashgateway.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How an instant goes into a {@code TIMESTAMP WITH TIME ZONE} column: in UTC, to the microsecond.
 * PostgreSQL keeps microseconds (and rounds what is finer); cutting the nanoseconds here means the
 * value written is the value read back and compared, on H2 and PostgreSQL alike.
 */
public final class DatabaseTime {

    private DatabaseTime() {
    }

    /** The column value of {@code instant}; null stays null. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
