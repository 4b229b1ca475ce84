package org.mashgateway.security;

import org.springframework.http.HttpStatus;

/**
 * Why a caller was refused before its document was read; each is counted, and alerted (an
 * {@link #anonymous()} one at most once a minute).
 */
public enum CallerRefusal {
    NO_CLIENT_CERTIFICATE(HttpStatus.UNAUTHORIZED, "A client certificate is required on this path."),
    CERTIFICATE_NOT_TRUSTED(HttpStatus.UNAUTHORIZED,
            "The client certificate does not chain to the gateway's trust anchors."),
    CERTIFICATE_EXPIRED(HttpStatus.UNAUTHORIZED,
            "The client certificate (or one in its chain) is expired or not yet valid."),
    CERTIFICATE_NOT_REGISTERED(HttpStatus.FORBIDDEN,
            "The client certificate is trusted but not registered in the gateway's directory."),
    CALLER_NOT_PERMITTED_FOR_PATH(HttpStatus.FORBIDDEN,
            "The registered caller may not use this path (e.g. a force on an agency path).");

    private final HttpStatus status;
    private final String explanation;

    CallerRefusal(HttpStatus status, String explanation) {
        this.status = status;
        this.explanation = explanation;
    }

    public HttpStatus status() {
        return status;
    }

    public String explanation() {
        return explanation;
    }

    /**
     * True when anyone on the network can cause it (no certificate, or one from nobody the gateway
     * trusts): worth counting, but one alert row each would let anyone fill the alert store.
     */
    public boolean anonymous() {
        return this == NO_CLIENT_CERTIFICATE || this == CERTIFICATE_NOT_TRUSTED;
    }
}
