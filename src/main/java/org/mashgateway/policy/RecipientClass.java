package org.mashgateway.policy;

import org.mashgateway.directory.AgencyClass;

/**
 * The recipient classes of a DomesticAbuseNotification named in the sharing policy file: three
 * agency classes, each matched to the directory's agencies of that {@link AgencyClass}, and schools.
 */
public enum RecipientClass {
    SOCIAL_CARE,
    HEALTH,
    EDUCATION_WELFARE,
    SCHOOL;

    /** Whether the class is served by directory agencies (and so receives an AgencyNotification). */
    public boolean isAgencyClass() {
        return this != SCHOOL;
    }

    /** Whether the directory agency {@code agencyClass} belongs to this recipient class. */
    boolean includes(AgencyClass agencyClass) {
        return isAgencyClass() && agencyClass.name().equals(name());
    }
}
