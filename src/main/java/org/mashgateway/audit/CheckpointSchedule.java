package org.mashgateway.audit;

import org.springframework.stereotype.Component;

/**
 * Makes a checkpoint of the decision record when the chain head has moved since the latest one:
 * run every {@code mash.audit.checkpoint.interval} by the route {@code audit-checkpoint}
 * ({@code routes/scheduled.camel.yaml}), first once the gateway is up. A failing run (the directory
 * not writable, the database down) is logged and counted, and the next one happens as planned.
 */
@Component
class CheckpointSchedule {

    private final ChainCheck chainCheck;

    CheckpointSchedule(ChainCheck chainCheck) {
        this.chainCheck = chainCheck;
    }

    public void checkpoint() {
        chainCheck.checkpoint(true);
    }
}
