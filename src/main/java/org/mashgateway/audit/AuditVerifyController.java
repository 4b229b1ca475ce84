package org.mashgateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an auditor check that the decision record is intact: {@code GET /admin/api/audit/verify},
 * against the latest signed checkpoint (named in the answer). A broken chain also raises a SECURITY
 * alert ({@link ChainCheck}).
 */
@RestController
class AuditVerifyController {

    private final ChainCheck chainCheck;

    AuditVerifyController(ChainCheck chainCheck) {
        this.chainCheck = chainCheck;
    }

    @GetMapping("/admin/api/audit/verify")
    Map<String, Object> verify() {
        return asJson(chainCheck.run());
    }

    /** The verification as the REST answer and the command line print it. */
    static Map<String, Object> asJson(ChainVerification result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", result.ok());
        json.put("recordsChecked", result.recordsChecked());
        if (!result.ok()) {
            if (result.firstBrokenRecordId() != null) {
                json.put("firstBrokenRecordId", result.firstBrokenRecordId());
            }
            json.put("problem", result.problem().name());
            json.put("detail", result.problem().description());
        }
        json.put("lastRecordId", result.lastRecordId());
        json.put("lastHash", result.lastHash());
        if (result.checkpoint() != null) {
            json.put("checkpoint", Map.of("recordId", result.checkpoint().recordId(),
                    "recordHash", result.checkpoint().recordHash(), "madeAt", result.checkpoint().madeAt().toString()));
        }
        return json;
    }
}
