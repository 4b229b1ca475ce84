/** Alerts for the MASH admins: security events, failures, deadlines at risk, certificate expiry. */
package org.mashgateway.alert;
