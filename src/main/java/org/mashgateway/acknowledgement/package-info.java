/**
 * Acknowledgements: recipients confirming that they received a delivery, by machine (an
 * Acknowledgement document over HTTPS, the queue or mail) or by a person pressing the button behind
 * the single-use link inside a school notification or a HIGH-risk agency notification; and the
 * escalation of what nobody acknowledged in time (a copy to the school's deputy, alerts).
 */
package org.mashgateway.acknowledgement;
