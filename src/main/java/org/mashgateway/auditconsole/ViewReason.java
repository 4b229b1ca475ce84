package org.mashgateway.auditconsole;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an auditor opens a message's content: the fixed list the decision record takes as its
 * reason code (the record holds no free text). The auditor also types the reason in words, which is
 * kept in {@code content_view}.
 */
enum ViewReason {
    SUBJECT_ACCESS_REQUEST("A subject access request"),
    COMPLAINT("A complaint about what was shared"),
    INCIDENT_INVESTIGATION("A suspected data incident or breach"),
    SHARING_REVIEW("A review of a sharing decision"),
    LEGAL_REQUEST("A court order or other legal request");

    /** How long the reason in words must be: enough to name the request or case. */
    static final int MIN_TYPED = 10;
    static final int MAX_TYPED = 500;

    private final String label;

    ViewReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The reason chosen, by its code; empty for anything else. */
    static Optional<ViewReason> of(String code) {
        return Arrays.stream(values()).filter(reason -> reason.name().equals(code)).findFirst();
    }

    /**
     * What is wrong with a reason in words (already stripped), or empty when it is {@value #MIN_TYPED}
     * to {@value #MAX_TYPED} printable characters.
     *
     * @param needed what the auditor asks for, as the message says it: "to see it", "this report"
     */
    static Optional<String> problemWith(String typed, String needed) {
        if (typed.length() < MIN_TYPED || typed.length() > MAX_TYPED) {
            return Optional.of("Say in " + MIN_TYPED + " to " + MAX_TYPED + " characters why you need " + needed
                    + " (for example the request or case number).");
        }
        if (typed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            return Optional.of("The reason may hold only printable characters.");
        }
        return Optional.empty();
    }
}
