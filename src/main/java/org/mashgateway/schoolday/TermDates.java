package org.mashgateway.schoolday;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An area's school term dates: the span of days the area has published them for, and the weekdays
 * inside it on which schools are closed. Outside {@code coveredFrom}..{@code coveredTo} the term
 * dates are not known, which the calendar reports as missing data.
 *
 * @param area the area the dates are for, as people know it
 * @param coveredFrom first day the area's term dates cover (inclusive)
 * @param coveredTo last day they cover (inclusive)
 * @param nonSchoolDays half terms, holidays and INSET days
 */
public record TermDates(String area, LocalDate coveredFrom, LocalDate coveredTo, List<NonSchoolPeriod> nonSchoolDays) {

    public TermDates {
        Objects.requireNonNull(coveredFrom, "coveredFrom");
        Objects.requireNonNull(coveredTo, "coveredTo");
        if (coveredTo.isBefore(coveredFrom)) {
            throw new IllegalArgumentException("term dates of '" + area + "' end before they start");
        }
        nonSchoolDays = nonSchoolDays == null ? List.of() : List.copyOf(nonSchoolDays);
    }

    boolean covers(LocalDate date) {
        return !date.isBefore(coveredFrom) && !date.isAfter(coveredTo);
    }

    boolean isClosed(LocalDate date) {
        return nonSchoolDays.stream().anyMatch(period -> period.contains(date));
    }
}
