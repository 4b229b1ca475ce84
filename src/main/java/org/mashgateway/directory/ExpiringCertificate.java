package org.mashgateway.directory;

import java.time.Instant;

/**
 * A directory certificate that expires soon or has expired, named by its entry (code or URN) and
 * its SHA-256 fingerprint rather than its subject, which may name a person.
 */
public record ExpiringCertificate(
        DirectoryEntryKind kind, String code, Instant notAfter, String sha256Fingerprint, boolean expired) {}
