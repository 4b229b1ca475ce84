package org.mashgateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The decision record as Prometheus counters, {@code mash_decisions_total{decision, reason,
 * document_type, sender}}: the figures of the monthly IG report that are counts of decisions (issue
 * 16), for a dashboard. Labels are codes only: the sender is a partner's code, or AUDITOR for what
 * only an auditor does (the login is not a label); a recipient (a school's URN) is never one.
 */
final class DecisionCounts {

    static final String NAME = "mash.decisions";

    /** Decisions only an AUDITOR can cause: counted by role, not by login. */
    private static final Set<DecisionKind> BY_AUDITORS =
            EnumSet.of(DecisionKind.CONTENT_VIEWED, DecisionKind.SUBJECT_SEARCHED, DecisionKind.SUBJECT_EXPORTED);
    private static final String NONE = "NONE";

    private final MeterRegistry meters;

    /** @param meters null outside the gateway (tools, tests of the record alone): nothing is counted */
    DecisionCounts(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(List<Decision> decisions) {
        if (meters == null) {
            return;
        }
        for (Decision decision : decisions) {
            String sender = BY_AUDITORS.contains(decision.decision()) ? "AUDITOR" : orNone(decision.sender());
            meters.counter(NAME, "decision", decision.decision().name(), "reason", orNone(decision.reasonCode()),
                    "document_type", orNone(decision.documentType()), "sender", sender).increment();
        }
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
