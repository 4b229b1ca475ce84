package org.mashgateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.directory.Caller;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.xml.DocumentType;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * What every document intake records around its own decision: the outcome counted as
 * {@code mash.intake} (type, outcome, channel: codes only), a store failure turned into
 * {@link StoreUnavailableException} so the ingress answers 503 or rolls the message back, and a
 * refusal written to the decision log. Shared by the request, response and acknowledgement intakes.
 */
public final class IntakeRecords {

    private IntakeRecords() {}

    /**
     * The outcome of {@code decide}, counted.
     *
     * @throws StoreUnavailableException when the outcome cannot be made durable now
     */
    public static IntakeOutcome counted(MeterRegistry meters, DocumentType type, IngressChannel via,
            Supplier<IntakeOutcome> decide) {
        try {
            IntakeOutcome outcome = decide.get();
            String word = outcome instanceof Accepted accepted ? accepted.statusWord() : ((Refused) outcome).reasonCode();
            meters.counter("mash.intake", "type", type.name(), "outcome", word, "channel", via.name()).increment();
            return outcome;
        } catch (DataAccessException | TransactionException e) {
            throw StoreUnavailableException.from(e);
        }
    }

    /**
     * Records {@code refused} in the decision log (REJECTED when the sender was answered over HTTPS,
     * QUARANTINED when the message is kept aside) under the document's hash, never its content.
     */
    public static Refused refusal(DecisionLog decisions, String rulesVersion, DocumentType type, Caller caller,
            IngressChannel via, String documentHash, Refused refused) {
        decisions.append(Decision.of(via == IngressChannel.HTTPS ? DecisionKind.REJECTED : DecisionKind.QUARANTINED)
                .policyVersion(rulesVersion)
                .reasonCode(refused.reasonCode())
                .sender(caller.code())
                .documentType(type.rootName())
                .documentHash(documentHash)
                .build());
        return refused;
    }
}
