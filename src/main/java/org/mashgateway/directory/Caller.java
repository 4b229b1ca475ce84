package org.mashgateway.directory;

/** An authenticated partner system: who it is, as the directory knows it. Holds no personal data. */
public record Caller(CallerKind kind, String code) {}
