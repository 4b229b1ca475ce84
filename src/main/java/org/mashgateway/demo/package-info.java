/**
 * The demo of the default run ({@code mash.demo.enabled=true}; the {@code prod} profile turns it
 * off): an embedded GreenMail server with a mailbox for every directory address, a guard that
 * refuses to start when anything with demo credentials would listen on a non-loopback address,
 * and the start-up banner that tells a newcomer where everything is and how to send the sample
 * notification.
 */
package org.mashgateway.demo;
