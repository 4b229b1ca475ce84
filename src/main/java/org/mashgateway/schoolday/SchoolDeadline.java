package org.mashgateway.schoolday;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The deadline of a school notification: the school must know before the start of the next school
 * day after the incident, taken as 08:00 Europe/London.
 *
 * <p>The next school day is the first school day whose 08:00 is strictly later than the incident
 * plus the configured minimum notice ({@code mash.sdat.minimum-notice}, default none). With no
 * minimum notice an incident at 01:00 on a school-day Tuesday is due at 08:00 that same Tuesday: the
 * child may be in class that morning, which is the point of Operation Encompass. An incident at 08:00
 * or later is due on the following school day. An area that wants the police a few hours' grace for
 * night incidents sets a minimum notice (e.g. {@code PT6H} moves a 03:00 incident to the next school
 * day). The deadline is worked out from the incident time, not from when the gateway hears of it, so
 * a notification that arrives late is already overdue.
 *
 * <p>08:00 always exists exactly once in Europe/London (the clocks change at 01:00 UTC on Sundays), so
 * the deadline is 07:00 UTC in summer time and 08:00 UTC in winter.
 */
public final class SchoolDeadline {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final LocalTime START_OF_SCHOOL_DAY = LocalTime.of(8, 0);

    /** More than a year with no school day can only be a broken calendar file, never a real deadline. */
    private static final int LONGEST_SEARCH_DAYS = 400;

    private final SchoolCalendar calendar;
    private final Duration minimumNotice;

    public SchoolDeadline(SchoolCalendar calendar, Duration minimumNotice) {
        if (minimumNotice.isNegative()) {
            throw new IllegalArgumentException("mash.sdat.minimum-notice must not be negative");
        }
        this.calendar = calendar;
        this.minimumNotice = minimumNotice;
    }

    /** 08:00 Europe/London on the next school day after an incident at {@code incident}. */
    public DueBy dueBy(Instant incident) {
        Instant earliest = incident.plus(minimumNotice);
        LocalDate day = incident.atZone(LONDON).toLocalDate();
        boolean dataMissing = false;
        for (int searched = 0; searched < LONGEST_SEARCH_DAYS; searched++, day = day.plusDays(1)) {
            dataMissing |= !calendar.hasDataFor(day);
            ZonedDateTime start = day.atTime(START_OF_SCHOOL_DAY).atZone(LONDON);
            if (calendar.isSchoolDay(day) && start.toInstant().isAfter(earliest)) {
                return new DueBy(start, dataMissing);
            }
        }
        throw new IllegalStateException("school calendar has no school day within " + LONGEST_SEARCH_DAYS
                + " days of the incident; check the non-school days in mash.sdat.calendar");
    }
}
