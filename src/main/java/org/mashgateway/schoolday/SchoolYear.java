package org.mashgateway.schoolday;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * A school year in England as the age rules count it: 1 September to 31 August, the year by which
 * children are placed in age groups. Named here by the calendar year in which it ends.
 */
record SchoolYear(int endYear) {

    static SchoolYear containing(LocalDate date) {
        return new SchoolYear(date.getMonthValue() >= Month.SEPTEMBER.getValue() ? date.getYear() + 1 : date.getYear());
    }

    LocalDate firstDay() {
        return LocalDate.of(endYear - 1, Month.SEPTEMBER, 1);
    }

    LocalDate lastDay() {
        return LocalDate.of(endYear, Month.AUGUST, 31);
    }

    /** The school leaving date: the last Friday in June (Education (School Leaving Date) Order 1997). */
    LocalDate schoolLeavingDate() {
        return LocalDate.of(endYear, Month.JUNE, 30).with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
    }
}
