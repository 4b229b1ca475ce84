package org.mashgateway.schoolday;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.List;

/**
 * Compulsory school age in England (Education Act 1996 s8), the default eligibility of the school
 * notification.
 *
 * <p>A child becomes of compulsory school age on the first prescribed day (31 August, 31 December,
 * 31 March; Education (Start of Compulsory School Age) Order 1998) that falls on or after the fifth
 * birthday: on the birthday itself when that is a prescribed day. The child stops being of
 * compulsory school age at the end of the school leaving date (the last Friday in June) of the school
 * year, 1 September to 31 August, in which the sixteenth birthday falls (s8(3)); that Friday is still
 * inside. So a child turning 16 on 31 August leaves at the end of June of the same summer, and one
 * turning 16 on 1 September a year later. Both bounds are inclusive.
 */
public final class CompulsorySchoolAge implements SchoolAgeRule {

    private static final List<MonthDay> PRESCRIBED_DAYS = List.of(
            MonthDay.of(Month.MARCH, 31), MonthDay.of(Month.AUGUST, 31), MonthDay.of(Month.DECEMBER, 31));

    @Override
    public Eligibility evaluate(LocalDate dateOfBirth, LocalDate incidentDate) {
        if (incidentDate.isBefore(firstDay(dateOfBirth))) {
            return Eligibility.outside("below compulsory school age on the incident date");
        }
        if (incidentDate.isAfter(lastDay(dateOfBirth))) {
            return Eligibility.outside("above compulsory school age on the incident date");
        }
        return Eligibility.within("of compulsory school age on the incident date");
    }

    /** The first day of compulsory school age: the prescribed day on or next after the fifth birthday. */
    static LocalDate firstDay(LocalDate dateOfBirth) {
        LocalDate fifthBirthday = Birthdays.attains(dateOfBirth, 5);
        for (MonthDay prescribed : PRESCRIBED_DAYS) {
            LocalDate day = prescribed.atYear(fifthBirthday.getYear());
            if (!day.isBefore(fifthBirthday)) {
                return day;
            }
        }
        return PRESCRIBED_DAYS.get(0).atYear(fifthBirthday.getYear() + 1);
    }

    /** The last day of compulsory school age: the school leaving date of the year the child turns 16. */
    static LocalDate lastDay(LocalDate dateOfBirth) {
        return SchoolYear.containing(Birthdays.attains(dateOfBirth, 16)).schoolLeavingDate();
    }
}
