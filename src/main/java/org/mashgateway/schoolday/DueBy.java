package org.mashgateway.schoolday;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a school must have the notification about an incident: 08:00 Europe/London on the next
 * school day.
 *
 * @param at the deadline, in Europe/London
 * @param calendarDataMissing {@code true} when a day between the incident and the deadline lay
 *     beyond the bank-holiday or term-date data, so weekends alone were skipped there; the caller
 *     raises {@link #CALENDAR_DATA_MISSING} so that an admin updates the calendar
 */
public record DueBy(ZonedDateTime at, boolean calendarDataMissing) {

    /** Reason code for the alert a caller raises when the deadline was worked out without full data. */
    public static final String CALENDAR_DATA_MISSING = "CALENDAR_DATA_MISSING";

    public DueBy {
        Objects.requireNonNull(at, "at");
    }
}
