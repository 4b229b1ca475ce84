package org.mashgateway.delivery;

/**
 * Whether TLS is assured beyond the gateway's SMTP relay, which decides whether a signed-only mail
 * (a recipient with {@code protection: tls} and no usable certificate) may be handed to it. The hop
 * to the relay is verified TLS either way; what happens after the relay is invisible to the gateway.
 */
public enum OnwardTls {

    /**
     * Nobody has said the relay requires TLS onward: signed-only mail goes only with REQUIRETLS
     * (RFC 8689) when the relay offers it, and is otherwise refused (ONWARD_TLS_NOT_ASSURED).
     */
    UNCONFIRMED,

    /**
     * The operator has confirmed that the relay sends every mail on over TLS with a verified
     * certificate (for example Postfix {@code smtp_tls_security_level = secure} or a per-domain
     * policy for each such recipient); REQUIRETLS is still asked for when the relay offers it.
     */
    CONFIRMED
}
