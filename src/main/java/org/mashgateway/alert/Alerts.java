package org.mashgateway.alert;

/**
 * Raises an alert for the MASH admins. {@code reasonCode} is a fixed code (e.g. FORGED_SENDER);
 * {@code context} may name references, codes and element names but never personal data or
 * document content.
 */
public interface Alerts {

    void raise(AlertKind kind, String reasonCode, String context);
}
