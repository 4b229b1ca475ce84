package org.mashgateway.policy;

import java.util.List;
import java.util.Map;

/** The sharing policy file as written (see {@code policy/sharing-policy.yaml}), before validation. */
record PolicyFile(
        String version,
        Map<String, ClassEntry> recipientClasses,
        Map<String, String> deadlines,
        Map<String, String> lawfulBasis,
        Map<String, String> handlingInstructions,
        List<ProfileEntry> profiles) {

    /** A recipient class: the names of its profile, lawful basis text and handling instruction. */
    record ClassEntry(String profile, String lawfulBasis, String handlingInstruction) {}

    /** A profile: its name, version, a sentence for people, and the field paths it allows. */
    record ProfileEntry(String name, Integer version, String description, List<String> fields) {}
}
