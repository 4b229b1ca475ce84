/**
 * The sharing policy: who receives what, by versioned allow-list profiles per recipient class,
 * with deadlines and lawful basis; builds the minimised documents that delivery sends, and the
 * corrections and withdrawals that follow them to the same recipients.
 */
package org.mashgateway.policy;
