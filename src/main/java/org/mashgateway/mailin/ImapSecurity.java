package org.mashgateway.mailin;

/** How the gateway talks to its inbound IMAP server ({@code mash.mail.imap.security}). */
enum ImapSecurity {
    /** Implicit TLS from the first byte (port 993 style); the server's identity is checked. */
    IMAPS,
    /** Plain connection upgraded with STARTTLS, which is required; the server's identity is checked. */
    STARTTLS,
    /** No TLS at all: the demo's loopback mail server only; refused outside the demo. */
    PLAIN
}
