package org.mashgateway.broker;

import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.mashgateway.directory.CallerKind;

/**
 * What a partner's broker user may do: send only to the inbound queue of its own documents,
 * consume only its own outbound and reply queues. Nothing else: no creating or deleting
 * addresses or queues, no management.
 */
final class PartnerRights {

    private static final String FQQN_SEPARATOR = "::";

    private PartnerRights() {}

    /**
     * Whether a partner known under {@code code} as {@code kinds} may do {@code checkType} on
     * {@code address} (a plain address, or {@code address::queue} when fully qualified).
     */
    static boolean permits(String code, Set<CallerKind> kinds, CheckType checkType, String address) {
        String name = ownQueueName(address);
        if (name == null) {
            return false;
        }
        return switch (checkType) {
            case SEND -> mayProduce(kinds, name);
            case CONSUME, BROWSE -> mayConsume(code, kinds, name);
            default -> false;
        };
    }

    private static boolean mayProduce(Set<CallerKind> kinds, String address) {
        return kinds.contains(CallerKind.FORCE) && address.equals(BrokerAddresses.NOTIFICATIONS)
                || kinds.contains(CallerKind.CASE_SYSTEM) && address.equals(BrokerAddresses.INFORMATION_REQUESTS)
                || kinds.contains(CallerKind.AGENCY)
                        && (address.equals(BrokerAddresses.INFORMATION_RESPONSES)
                                || address.equals(BrokerAddresses.ACKNOWLEDGEMENTS));
    }

    private static boolean mayConsume(String code, Set<CallerKind> kinds, String address) {
        return !kinds.isEmpty() && address.equals(BrokerAddresses.replyQueue(code))
                || kinds.contains(CallerKind.CASE_SYSTEM) && address.equals(BrokerAddresses.CASEWORK)
                || kinds.contains(CallerKind.AGENCY) && address.equals(BrokerAddresses.agencyQueue(code));
    }

    /**
     * The address a check is about, or null when it names a queue other than the address's own
     * anycast queue: partners only ever use the one queue each address declares.
     */
    private static String ownQueueName(String address) {
        if (address == null) {
            return null;
        }
        int separator = address.indexOf(FQQN_SEPARATOR);
        if (separator < 0) {
            return address;
        }
        String plain = address.substring(0, separator);
        String queue = address.substring(separator + FQQN_SEPARATOR.length());
        return queue.equals(plain) ? plain : null;
    }
}
