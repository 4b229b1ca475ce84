/**
 * The alerts and the audit checkpoints mailed to the MASH admins, signed and encrypted, through the
 * delivery package's SMTP sending. Apart from {@code alert} so that raising an alert depends on
 * nothing that may itself raise one.
 */
package org.mashgateway.alertmail;
