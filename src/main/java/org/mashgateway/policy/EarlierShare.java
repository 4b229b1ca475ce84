package org.mashgateway.policy;

/**
 * One output of the latest version of a notification that a correction or withdrawal must follow:
 * who received it, under which reference, and, for a school, which child it was about. References
 * and codes only.
 *
 * @param recipientType agency or school
 * @param recipient agency code or school URN
 * @param reference the output reference the recipient received (what {@code Replaces} will name)
 * @param childIndex for a school: the position (0-based) of its child among the Child elements of
 *     the version it was built from; null for an agency
 * @param failed whether its delivery FAILED: the recipient never received it, so it is sent no
 *     correction or withdrawal of it (recorded NOT_SHARED {@code ORIGINAL_NOT_DELIVERED})
 */
public record EarlierShare(RecipientType recipientType, String recipient, String reference, Integer childIndex,
        boolean failed) {}
