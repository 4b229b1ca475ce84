package org.mashgateway.directory;

import java.time.Instant;

/**
 * The outcome of loading the directory files, for the admin console: either the new directory is
 * in force ({@code ok}, with a summary of counts) or it was refused and the previous one stays in
 * force ({@code message} says which file and entry, and why).
 */
public record DirectoryReload(boolean ok, String message, Instant at) {}
