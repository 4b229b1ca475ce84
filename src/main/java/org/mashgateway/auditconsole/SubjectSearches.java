package org.mashgateway.auditconsole;

import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.springframework.stereotype.Component;

/**
 * Records that an auditor searched the decision record for a person, before the results are shown:
 * a SUBJECT_SEARCHED decision with the auditor's login and the subject key, in the hash chain like
 * every other decision, so a search cannot be hidden afterwards. The name and date of birth typed
 * are never recorded; if the record cannot be written, no results are shown.
 */
@Component
class SubjectSearches {

    /** A search typed as name and date of birth. */
    static final String BY_NAME = "BY_NAME_AND_DATE_OF_BIRTH";
    /** A further page of a search, asked for by subject key. */
    static final String NEXT_PAGE = "NEXT_PAGE";

    private final DecisionLog decisions;

    SubjectSearches(DecisionLog decisions) {
        this.decisions = decisions;
    }

    void record(String login, String subjectKey, String how) {
        decisions.append(Decision.of(DecisionKind.SUBJECT_SEARCHED)
                .reasonCode(how)
                .sender(ContentViews.viewer(login))
                .subjectKey(subjectKey)
                .build());
    }
}
