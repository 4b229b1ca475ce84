package org.mashgateway.intake;

/** The store could not durably persist a document now; the sender must try again (503, or broker redelivery). */
public class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(Throwable cause) {
        super("store unavailable: " + cause.getClass().getSimpleName(), cause);
    }
}
