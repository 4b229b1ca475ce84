package org.mashgateway.directory;

/** How an agency receives its protected documents. */
public enum Channel {
    EMAIL,
    QUEUE
}
