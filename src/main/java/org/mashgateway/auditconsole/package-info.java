/**
 * The auditor's pages of the admin console, under {@code /admin/audit} (role AUDITOR): the decision
 * record searched by gateway reference or by subject (name and date of birth turned into the same
 * subject key the records hold), the chain verification, and a message's decrypted content shown
 * only for a stated reason, each view recorded as a CONTENT_VIEWED decision and a
 * {@code content_view} row. Kept apart from {@code audit} because it reads the message store and
 * the deliveries, which themselves write to the audit trail. See docs/audit.md.
 */
package org.mashgateway.auditconsole;
