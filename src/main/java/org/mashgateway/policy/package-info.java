/**
 * The sharing policy: who receives what, by versioned allow-list profiles per recipient class,
 * with deadlines and lawful basis; builds the minimised documents that delivery sends.
 */
package org.mashgateway.policy;
