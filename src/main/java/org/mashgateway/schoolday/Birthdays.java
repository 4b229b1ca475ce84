package org.mashgateway.schoolday;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;

/**
 * When a child attains an age in years: at the start of the anniversary of the birth (Family Law
 * Reform Act 1969 s9). A child born on 29 February attains an age in a common year on 1 March, the
 * reading written into Scots law (Age of Legal Capacity (Scotland) Act 1991 s6(2)) and the one
 * usually taken in England; see decision 0006 for why it cannot change a school-age outcome.
 */
final class Birthdays {

    private static final MonthDay LEAP_DAY = MonthDay.of(Month.FEBRUARY, 29);

    private Birthdays() {}

    /** The day on which a child born on {@code dateOfBirth} attains {@code age}. */
    static LocalDate attains(LocalDate dateOfBirth, int age) {
        int year = dateOfBirth.getYear() + age;
        if (MonthDay.from(dateOfBirth).equals(LEAP_DAY) && !LEAP_DAY.isValidYear(year)) {
            return LocalDate.of(year, Month.MARCH, 1);
        }
        return dateOfBirth.withYear(year);
    }
}
