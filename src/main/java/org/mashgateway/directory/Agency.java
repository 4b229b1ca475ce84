package org.mashgateway.directory;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A partner agency. {@code certificates} is a list because during a rollover an agency has two;
 * {@code gcmCapable} false means the agency's mail client cannot open AES-GCM and gets AES-CBC.
 */
public record Agency(
        String code,
        String name,
        AgencyClass agencyClass,
        Channel channel,
        String email,
        List<X509Certificate> certificates,
        Protection protection,
        boolean gcmCapable) {
    public Agency {
        certificates = List.copyOf(certificates);
    }
}
