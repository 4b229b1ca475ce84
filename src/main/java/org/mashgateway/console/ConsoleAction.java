package org.mashgateway.console;

/** What a person did in the console, as written to {@code admin_action}. */
enum ConsoleAction {
    RETRY_DELIVERY,
    PARK_DELIVERY,
    PAUSE_ROUTE,
    RESUME_ROUTE,
    RELOAD_DIRECTORY,
    RELOAD_POLICY,
    RELEASE_QUARANTINED,
    DISCARD_QUARANTINED,
    ACKNOWLEDGE_ALERT
}
