package org.mashgateway.directory;

import java.security.cert.X509Certificate;
import java.util.List;

/** The MASH case system that sends information requests and receives responses. */
public record CaseSystem(String code, String name, List<X509Certificate> certificates) {
    public CaseSystem {
        certificates = List.copyOf(certificates);
    }
}
