/**
 * Who is calling: client certificates on the HTTPS ingress (chain checked against the trust
 * anchors, then looked up in the directory), console logins (form, HTTP basic, OpenID Connect with
 * roles from a configured claim; failed logins counted, alerted and locked out per username and
 * per address), the Prometheus scraper's own credential, the console's sessions and security
 * headers, and which caller may use which path.
 */
package org.mashgateway.security;
