package org.mashgateway.scheduling;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must wait for the caller's transaction to commit: waking an outbox's poller for the
 * rows just written (it would not see them before), counting or logging what only counts once
 * committed. A rolled-back transaction runs nothing. Outside a transaction the work runs at once.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void run(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
