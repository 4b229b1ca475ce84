package org.mashgateway.directory;

/** The kinds of directory entry that hold certificates, for reports about them. */
public enum DirectoryEntryKind {
    FORCE,
    CASE_SYSTEM,
    AGENCY,
    SCHOOL
}
