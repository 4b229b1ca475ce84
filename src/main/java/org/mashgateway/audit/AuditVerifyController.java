package org.mashgateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an auditor check that the decision record is intact: {@code GET /admin/api/audit/verify}.
 * A broken chain is a potential breach, so it also raises a SECURITY alert.
 */
@RestController
class AuditVerifyController {

    static final String BROKEN_CHAIN = "AUDIT_CHAIN_BROKEN";

    private final DecisionLog decisionLog;
    private final Alerts alerts;

    AuditVerifyController(DecisionLog decisionLog, Alerts alerts) {
        this.decisionLog = decisionLog;
        this.alerts = alerts;
    }

    @GetMapping("/admin/api/audit/verify")
    Map<String, Object> verify() {
        ChainVerification result = decisionLog.verify();
        if (!result.ok()) {
            alerts.raise(AlertKind.SECURITY, BROKEN_CHAIN,
                    "record " + result.firstBrokenRecordId() + ": " + result.problem());
        }
        return asJson(result);
    }

    /** The verification as the REST answer and the command line print it. */
    static Map<String, Object> asJson(ChainVerification result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", result.ok());
        json.put("recordsChecked", result.recordsChecked());
        if (!result.ok()) {
            json.put("firstBrokenRecordId", result.firstBrokenRecordId());
            json.put("problem", result.problem().name());
            json.put("detail", result.problem().description());
        }
        json.put("lastRecordId", result.lastRecordId());
        json.put("lastHash", result.lastHash());
        return json;
    }
}
