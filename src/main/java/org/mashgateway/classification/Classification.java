package org.mashgateway.classification;

import java.util.Optional;

/**
 * Government Security Classification markings the gateway handles. It is accredited up to
 * OFFICIAL only, and everything it emits is OFFICIAL-SENSITIVE: safeguarding content always is.
 */
public enum Classification {
    OFFICIAL,
    OFFICIAL_SENSITIVE;

    /** The marking as written in documents and mail. */
    public String marking() {
        return name().replace('_', '-');
    }

    /** The marking a document may carry into the gateway; empty for anything else (SECRET, TOP SECRET, …). */
    public static Optional<Classification> fromMarking(String marking) {
        for (Classification classification : values()) {
            if (classification.marking().equals(marking)) {
                return Optional.of(classification);
            }
        }
        return Optional.empty();
    }

    /** What every output carries: OFFICIAL is raised, OFFICIAL-SENSITIVE stays. */
    public Classification onOutput() {
        return OFFICIAL_SENSITIVE;
    }
}
