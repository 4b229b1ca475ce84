package org.mashgateway.auditconsole;

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

    private final String label;

    ViewReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
