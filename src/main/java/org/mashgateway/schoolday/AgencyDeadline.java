package org.mashgateway.schoolday;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * By when an agency must have a notification: the police document's CreatedAt plus the sharing
 * policy's deadline for its risk level (a correction or withdrawal: its own CreatedAt, and the risk
 * level it names or withdraws), to the second. Unlike the school's ({@link SchoolDeadline}) it runs
 * on any day and at any hour: social care and health answer around the clock.
 */
public final class AgencyDeadline {

    private AgencyDeadline() {}

    /** @param forRiskLevel the policy's deadline for the document's risk level */
    public static OffsetDateTime dueBy(OffsetDateTime createdAt, Duration forRiskLevel) {
        return createdAt.plus(forRiskLevel).truncatedTo(ChronoUnit.SECONDS);
    }
}
