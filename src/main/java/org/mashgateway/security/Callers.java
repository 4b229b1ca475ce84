package org.mashgateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.mashgateway.directory.Caller;

/** Reads the caller that {@link ApiCallerFilter} authenticated for this request. */
public final class Callers {

    private Callers() {}

    public static Caller of(HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(ApiCallerFilter.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller: is the path outside /api?");
        }
        return caller;
    }
}
