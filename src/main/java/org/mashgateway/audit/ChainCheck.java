package org.mashgateway.audit;

import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.springframework.stereotype.Component;

/**
 * An auditor's check that the decision record is intact, wherever it is asked for (REST, the audit
 * pages). A broken chain is a potential breach, so it also raises a SECURITY alert
 * {@value #BROKEN_CHAIN} naming the record id and the problem code.
 */
@Component
public class ChainCheck {

    static final String BROKEN_CHAIN = "AUDIT_CHAIN_BROKEN";

    private final DecisionLog decisionLog;
    private final Alerts alerts;

    public ChainCheck(DecisionLog decisionLog, Alerts alerts) {
        this.decisionLog = decisionLog;
        this.alerts = alerts;
    }

    /** Walks the whole chain ({@link DecisionLog#verify()}) and alerts when it is broken. */
    public ChainVerification run() {
        ChainVerification result = decisionLog.verify();
        if (!result.ok()) {
            alerts.raise(AlertKind.SECURITY, BROKEN_CHAIN,
                    "record " + result.firstBrokenRecordId() + ": " + result.problem());
        }
        return result;
    }
}
