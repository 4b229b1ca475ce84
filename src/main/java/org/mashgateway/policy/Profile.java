package org.mashgateway.policy;

import java.util.List;

/**
 * A named, versioned minimisation profile: the allow-list of DomesticAbuseNotification field paths
 * (e.g. {@code /DomesticAbuseNotification/Victim/Name/Given}, {@code /DomesticAbuseNotification/Child/@id})
 * that one recipient class may receive. Everything it does not list is dropped.
 */
record Profile(String name, int version, String description, List<String> fields) {

    Profile {
        fields = List.copyOf(fields);
    }

    /** The form the decision record names a profile by, e.g. {@code health@1}. */
    String id() {
        return name + "@" + version;
    }

    boolean allows(String path) {
        return fields.contains(path);
    }
}
