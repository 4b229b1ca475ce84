package org.mashgateway.directory;

/**
 * A directory file that cannot be put in force. The message names the file and the entry (by
 * code, URN, list position or CSV row) and the rule broken, never an address or other value.
 */
public final class DirectoryLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DirectoryLoadException(String message) {
        super(message);
    }

    DirectoryLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
