package org.mashgateway.broker;

/** The broker addresses of the contract (interfaces.md, "Queues"); every one is an anycast queue. */
public final class BrokerAddresses {

    /** Police notifications and withdrawals in. */
    public static final String NOTIFICATIONS = "mash.in.notifications";

    /** Information requests from the case system in. */
    public static final String INFORMATION_REQUESTS = "mash.in.information-requests";

    /** Information responses from agencies in. */
    public static final String INFORMATION_RESPONSES = "mash.in.information-responses";

    /** Acknowledgements in. */
    public static final String ACKNOWLEDGEMENTS = "mash.in.acknowledgements";

    /** Responses and delivery events out to the case system. */
    public static final String CASEWORK = "mash.out.casework";

    /** Inbound documents that failed validation or authentication. */
    public static final String QUARANTINE = "mash.quarantine";

    /** Messages that exhausted their redeliveries. */
    public static final String DEAD_LETTERS = "mash.dlq";

    static final String INBOUND_MATCH = "mash.in.#";
    static final String ALL_MATCH = "mash.#";
    static final String AGENCY_PREFIX = "mash.out.agency.";
    static final String REPLY_PREFIX = "mash.reply.";

    private BrokerAddresses() {}

    /** The queue an agency whose channel is QUEUE consumes its protected documents from. */
    public static String agencyQueue(String agencyCode) {
        return AGENCY_PREFIX + agencyCode;
    }

    /** The queue a partner may name as reply-to to receive error reports (reason codes only). */
    public static String replyQueue(String partnerCode) {
        return REPLY_PREFIX + partnerCode;
    }
}
