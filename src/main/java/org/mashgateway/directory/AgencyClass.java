package org.mashgateway.directory;

/** Recipient classes of the sharing rules. */
public enum AgencyClass {
    SOCIAL_CARE,
    HEALTH,
    EDUCATION_WELFARE,
    PROBATION,
    POLICE,
    OTHER
}
