package org.mashgateway.delivery;

/** How the gateway talks to its outbound SMTP server ({@code mash.mail.smtp.security}). */
enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS, which is required; the server's identity is checked. */
    STARTTLS,
    /** Implicit TLS from the first byte (port 465 style); the server's identity is checked. */
    SMTPS,
    /** No TLS at all: the demo's loopback mail server only; refused outside the demo. */
    PLAIN
}
