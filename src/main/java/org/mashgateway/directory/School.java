package org.mashgateway.directory;

import java.security.cert.X509Certificate;
import java.util.List;

/** A school or college, keyed by its DfE URN; deputyEmail receives escalations. */
public record School(
        String urn,
        String name,
        String email,
        String deputyEmail,
        List<X509Certificate> certificates,
        Protection protection) {
    public School {
        certificates = List.copyOf(certificates);
    }
}
