package org.mashgateway.schoolday;

import java.time.LocalDate;

/**
 * Decides whether a child is of the age that the area notifies schools about, on the date of the
 * incident (the local date in Europe/London). The area chooses the rule with
 * {@code mash.sdat.eligibility}.
 */
public interface SchoolAgeRule {

    /**
     * Whether a child born on {@code dateOfBirth} is within the rule on {@code incidentDate}; a
     * child outside it gets reason {@link Eligibility#CHILD_NOT_STATUTORY_SCHOOL_AGE}.
     */
    Eligibility evaluate(LocalDate dateOfBirth, LocalDate incidentDate);
}
