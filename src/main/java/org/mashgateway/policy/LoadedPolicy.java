package org.mashgateway.policy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One validated sharing policy, immutable: its version, the deadline per risk level, and per
 * recipient class the profile, lawful basis and handling instruction in force.
 */
record LoadedPolicy(String version, Map<String, Duration> deadlines, Map<RecipientClass, ClassRule> classes) {

    /** What the policy says for one recipient class. */
    record ClassRule(Profile profile, String lawfulBasis, String handlingInstruction) {}

    LoadedPolicy {
        deadlines = Map.copyOf(deadlines);
        classes = Map.copyOf(new EnumMap<>(classes));
    }

    ClassRule rule(RecipientClass recipientClass) {
        return classes.get(recipientClass);
    }

    /** The deadline for {@code riskLevel} (STANDARD, MEDIUM or HIGH), counted from CreatedAt. */
    Duration deadline(String riskLevel) {
        Duration deadline = deadlines.get(riskLevel);
        if (deadline == null) {
            throw new IllegalArgumentException("the sharing policy has no deadline for risk level " + riskLevel);
        }
        return deadline;
    }
}
