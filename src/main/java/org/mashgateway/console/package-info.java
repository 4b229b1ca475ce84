/**
 * The admin console under {@code /admin}: server-rendered pages for the MASH admins (dashboard,
 * deliveries and their history, the quarantine, alerts, the directory) and the actions ADMIN may
 * take (retry or park a delivery, pause or resume a route, reload the directory and the sharing
 * policy, release or discard a quarantined message). Every page shows references, codes, URNs,
 * states, counts and times only, never personal data or document content; every action is written
 * to {@code admin_action} with who took it. See docs/console.md.
 */
package org.mashgateway.console;
