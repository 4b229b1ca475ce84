package org.mashgateway.policy;

/**
 * The sharing policy file was refused; the message names the file, the entry and the problem (the
 * file holds rules, never personal data, so the message is safe to log and to show admins).
 */
class PolicyLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PolicyLoadException(String message) {
        super(message, null, false, false);
    }
}
