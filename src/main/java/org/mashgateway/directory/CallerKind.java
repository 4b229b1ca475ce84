package org.mashgateway.directory;

/** What kind of partner system a client certificate (or broker user) belongs to. */
public enum CallerKind {
    FORCE,
    CASE_SYSTEM,
    AGENCY
}
