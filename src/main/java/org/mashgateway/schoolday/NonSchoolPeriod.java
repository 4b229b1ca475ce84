package org.mashgateway.schoolday;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Days inside a covered school year on which the area's schools are closed: a half term, a holiday,
 * an INSET day. Both ends inclusive.
 *
 * @param from first closed day
 * @param to last closed day
 * @param name what the closure is, for people reading the calendar file
 */
public record NonSchoolPeriod(LocalDate from, LocalDate to, String name) {

    public NonSchoolPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("non-school period '" + name + "' ends before it starts");
        }
    }

    boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
