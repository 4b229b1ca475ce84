package org.mashgateway.delivery;

/**
 * What an entry of the outbox (the {@code delivery} table) carries. Every kind is claimed, leased,
 * retried, paused and recorded the same way; only building the message and what its sending or
 * failing means differ, and those are the kind's {@link OutboxContent}.
 */
public enum OutboxKind {
    /** A share the sharing policy planned, to an agency or a school. */
    SHARE("share"),
    /** A document for the MASH case system on {@code mash.out.casework}. */
    CASEWORK("casework"),
    /** An unacknowledged school notification sent again, as it is, to the school's deputy. */
    DEPUTY_COPY("deputy-copy"),
    /** A mail of alerts of one reason code for the MASH admins. */
    ALERT_MAIL("alert-mail");

    private final String key;

    OutboxKind(String key) {
        this.key = key;
    }

    /** The kind's name in configuration keys ({@code mash.delivery.retry.<key>.*}) and metric tags. */
    public String key() {
        return key;
    }
}
