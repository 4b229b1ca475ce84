package org.mashgateway.policy;

/**
 * The outcome of reloading the sharing policy on request, for the admin console: either the file's
 * version is now in force ({@code ok}) or it was refused and {@code version} (the one before) stays
 * in force; {@code message} says which, and for a refusal which rule and why.
 */
public record PolicyReload(boolean ok, String version, String message) {}
