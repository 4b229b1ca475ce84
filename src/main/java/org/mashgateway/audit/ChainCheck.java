package org.mashgateway.audit;

import java.util.Optional;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.springframework.stereotype.Component;

/**
 * An auditor's check that the decision record is intact, wherever it is asked for (REST, the audit
 * pages, the checkpoint schedule): the chain is walked and compared with the latest signed
 * {@link Checkpoints checkpoint}. A broken chain or an untrusted checkpoint is a potential breach, so
 * it also raises a SECURITY alert {@value #BROKEN_CHAIN} naming the record id and the problem code.
 */
@Component
public class ChainCheck {

    static final String BROKEN_CHAIN = "AUDIT_CHAIN_BROKEN";

    private final DecisionLog decisionLog;
    private final Checkpoints checkpoints;
    private final Alerts alerts;

    public ChainCheck(DecisionLog decisionLog, Checkpoints checkpoints, Alerts alerts) {
        this.decisionLog = decisionLog;
        this.checkpoints = checkpoints;
        this.alerts = alerts;
    }

    /** Walks the whole chain against the latest checkpoint and alerts when either is broken. */
    public ChainVerification run() {
        Checkpoints.Latest latest = checkpoints.latest();
        ChainVerification result = decisionLog.verify(latest.trusted());
        if (result.ok() && latest.untrusted() != null) {
            result = result.withUntrustedCheckpoint();
        }
        if (!result.ok()) {
            alerts.raise(AlertKind.SECURITY, BROKEN_CHAIN, result.brokenAt() + ": " + result.problem());
        }
        return result;
    }

    /**
     * Verifies the chain and, when it is intact, signs and writes a checkpoint of its head. A broken
     * chain is never anchored: that would make the tampering look legitimate.
     *
     * @param onlyIfMoved skip (without walking the chain) when the head is the one the latest
     *     trusted checkpoint already names, or the record is still empty: the schedule's case; the
     *     console's button always makes one
     * @return the checkpoint made; empty when skipped or when the chain did not verify (alerted)
     */
    public Optional<Checkpoint> checkpoint(boolean onlyIfMoved) {
        if (onlyIfMoved) {
            Checkpoint latest = checkpoints.latest().trusted();
            DecisionLog.Head head = decisionLog.head();
            boolean unmoved = latest == null ? head.lastRecordId() == 0
                    : latest.recordId() == head.lastRecordId() && latest.recordHash().equals(head.lastHash());
            if (unmoved) {
                return Optional.empty();
            }
        }
        ChainVerification result = run();
        if (!result.ok()) {
            return Optional.empty();
        }
        return Optional.of(checkpoints.write(result.lastRecordId(), result.lastHash()));
    }
}
