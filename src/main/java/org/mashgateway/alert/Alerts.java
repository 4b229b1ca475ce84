package org.mashgateway.alert;

/**
 * Raises an alert for the MASH admins. {@code reasonCode} is a fixed code (e.g. FORGED_SENDER);
 * {@code context} may name references, codes and element names but never personal data or
 * document content.
 */
public interface Alerts {

    /** Raises it in a transaction of its own, so that it stays when the caller's work rolls back (a refusal). */
    void raise(AlertKind kind, String reasonCode, String context);

    /**
     * Raises an alert that reports a change the caller is committing (a delivery FAILED, a deadline
     * passed): written in the caller's transaction, so the alert exists exactly when the change
     * does, whatever crashes between the two. Only inside a transaction.
     */
    default void raiseWithin(AlertKind kind, String reasonCode, String context) {
        raise(kind, reasonCode, context);
    }
}
