package org.mashgateway.schoolday;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Which days are school days in the area: Monday to Friday, less the bank holidays of England and
 * Wales, less the area's half terms, holidays and INSET days.
 *
 * <p>Where a date lies beyond the data (a year with no bank-holiday list, or outside the span the
 * term dates cover) the calendar still answers, with what it knows: in effect weekdays are school
 * days. {@link #hasDataFor} says so, so that the deadline can be flagged and the admins alerted that
 * the calendar needs updating.
 */
public final class SchoolCalendar {

    private final BankHolidays bankHolidays;
    private final TermDates termDates;

    public SchoolCalendar(BankHolidays bankHolidays, TermDates termDates) {
        this.bankHolidays = bankHolidays;
        this.termDates = termDates;
    }

    /** Whether the area's schools are open on {@code date}, as far as the calendar knows. */
    public boolean isSchoolDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY
                && day != DayOfWeek.SUNDAY
                && !bankHolidays.isBankHoliday(date)
                && !termDates.isClosed(date);
    }

    /** Whether both the bank holidays and the term dates for {@code date} are known. */
    public boolean hasDataFor(LocalDate date) {
        return bankHolidays.covers(date) && termDates.covers(date);
    }
}
