/**
 * Delivery: the outbox of shares to send (scheduled in the acceptance transaction), the worker that
 * protects and sends them by SMTP or to an agency queue with retries and back-off, their states
 * (PENDING, SENT, ACKNOWLEDGED, FAILED, NOT_SHARED) and the status API for the sending force.
 */
package org.mashgateway.delivery;
