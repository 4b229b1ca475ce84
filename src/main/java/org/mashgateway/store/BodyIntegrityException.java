package org.mashgateway.store;

/**
 * A stored body could not be opened: its data key would not unwrap or its ciphertext failed the
 * GCM check, so it was altered, moved to another reference, or the master key is the wrong one.
 * The message names the reference only.
 */
public class BodyIntegrityException extends RuntimeException {

    BodyIntegrityException(String reference, Throwable cause) {
        super("the stored body of " + reference + " failed its integrity check", cause);
    }
}
