package org.mashgateway.schoolday;

import java.time.LocalDate;

/**
 * A wider, whole-school-year eligibility for areas that notify beyond compulsory school age, as the
 * national Operation Encompass guidance allows (reception classes, sixth forms and colleges).
 *
 * <p>Each school year (1 September to 31 August) is named by the age the child attains during it:
 * reception is the year in which a child turns 5, Year 11 the year in which they turn 16, Year 12
 * turns 17, Year 13 turns 18. A child is eligible from 1 September of the school year in which they
 * turn {@code fromAge} up to and including 31 August of the school year in which they turn {@code
 * toAge}. "Reception to 17" is {@code fromAge} 5 and {@code toAge} 17 (to the end of Year 12).
 */
public final class AgeRangeRule implements SchoolAgeRule {

    private final int fromAge;
    private final int toAge;

    public AgeRangeRule(int fromAge, int toAge) {
        if (fromAge < 1 || toAge < fromAge || toAge > 25) {
            throw new IllegalArgumentException(
                    "age range must satisfy 1 <= from-age <= to-age <= 25, was " + fromAge + ".." + toAge);
        }
        this.fromAge = fromAge;
        this.toAge = toAge;
    }

    @Override
    public Eligibility evaluate(LocalDate dateOfBirth, LocalDate incidentDate) {
        if (incidentDate.isBefore(firstDay(dateOfBirth))) {
            return Eligibility.outside("below the configured school age range on the incident date");
        }
        if (incidentDate.isAfter(lastDay(dateOfBirth))) {
            return Eligibility.outside("above the configured school age range on the incident date");
        }
        return Eligibility.within("within the configured school age range on the incident date");
    }

    LocalDate firstDay(LocalDate dateOfBirth) {
        return SchoolYear.containing(Birthdays.attains(dateOfBirth, fromAge)).firstDay();
    }

    LocalDate lastDay(LocalDate dateOfBirth) {
        return SchoolYear.containing(Birthdays.attains(dateOfBirth, toAge)).lastDay();
    }

    @Override
    public String toString() {
        return "AgeRangeRule[" + fromAge + ".." + toAge + "]";
    }
}
