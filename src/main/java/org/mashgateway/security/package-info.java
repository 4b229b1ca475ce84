/**
 * Who is calling: client certificates on the HTTPS ingress (chain checked against the trust
 * anchors, then looked up in the directory), console logins, and which caller may use which path.
 */
package org.mashgateway.security;
