package org.mashgateway.console;

/** What became of an action, as the page that took it tells the person (codes and references only). */
record ActionOutcome(boolean done, String message) {

    static ActionOutcome done(String message) {
        return new ActionOutcome(true, message);
    }

    static ActionOutcome refused(String message) {
        return new ActionOutcome(false, message);
    }
}
