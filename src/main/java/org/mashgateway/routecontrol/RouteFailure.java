package org.mashgateway.routecontrol;

/**
 * An exchange failed for a reason the gateway names by a code, never by content: the console shows
 * the code as the route's last failure. Thrown after the failure was handled (settled, recorded,
 * alerted), only so that the route counts the exchange as failed; no stack trace is kept.
 */
public class RouteFailure extends RuntimeException {

    public RouteFailure(String reasonCode) {
        super(reasonCode, null, false, false);
    }

    public String reasonCode() {
        return getMessage();
    }
}
