package org.mashgateway.policy;

/**
 * Whom a school calls about an SDAT notification: the council's safeguarding (Initial Response)
 * team and the link to the multi-agency safeguarding procedures, written into every
 * SchoolNotification. Read from {@code mash.sdat.contact.team}, {@code .phone}, {@code .email} and
 * {@code .procedures-url}, which have no default outside the demo profile: an area must name its
 * own team.
 */
public record SafeguardingContact(String team, String phone, String email, String proceduresUrl) {

    public SafeguardingContact {
        requireText("mash.sdat.contact.team", team);
        requireText("mash.sdat.contact.phone", phone);
        requireText("mash.sdat.contact.email", email);
        requireText("mash.sdat.contact.procedures-url", proceduresUrl);
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be set: schools are told whom to contact");
        }
    }
}
