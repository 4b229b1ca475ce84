package org.mashgateway.schoolday;

import java.util.Objects;

/**
 * The outcome of a {@link SchoolAgeRule}: whether the school may be notified about the child, and
 * if not the reason code recorded with the NOT_SHARED decision. The explanation names no date and no
 * person, so it may go into the audit record and the admin console as it is.
 *
 * @param eligible whether the child is within the rule on the incident date
 * @param reasonCode {@link #CHILD_NOT_STATUTORY_SCHOOL_AGE} when not eligible, {@code null} when
 *     eligible
 * @param explanation a short, value-free sentence saying why
 */
public record Eligibility(boolean eligible, String reasonCode, String explanation) {

    /** Reason code of the sharing rules for a child outside the configured age rule. */
    public static final String CHILD_NOT_STATUTORY_SCHOOL_AGE = "CHILD_NOT_STATUTORY_SCHOOL_AGE";

    public Eligibility {
        Objects.requireNonNull(explanation, "explanation");
        if (eligible != (reasonCode == null)) {
            throw new IllegalArgumentException("a reason code is given exactly when not eligible");
        }
    }

    static Eligibility within(String explanation) {
        return new Eligibility(true, null, explanation);
    }

    static Eligibility outside(String explanation) {
        return new Eligibility(false, CHILD_NOT_STATUTORY_SCHOOL_AGE, explanation);
    }
}
