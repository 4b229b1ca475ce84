package org.mashgateway.intake;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.transaction.TransactionException;

/** The store could not durably persist a document now; the sender must try again (503, or broker redelivery). */
public class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(Throwable cause) {
        super("store unavailable: " + cause.getClass().getSimpleName(), cause);
    }

    /**
     * The one place that decides whether a store failure means "try again later": anything transient
     * (no connection, lock timeout, transaction not started) is; a programming or schema fault is not
     * and is returned as it is. A duplicate key lost a race the caller already handled.
     */
    public static RuntimeException from(RuntimeException failure) {
        if (failure instanceof NonTransientDataAccessException && !(failure instanceof DuplicateKeyException)) {
            return failure;
        }
        if (failure instanceof DataAccessException || failure instanceof TransactionException) {
            return new StoreUnavailableException(failure);
        }
        return failure;
    }
}
