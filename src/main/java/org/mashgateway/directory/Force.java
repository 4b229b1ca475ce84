package org.mashgateway.directory;

import java.security.cert.X509Certificate;
import java.util.List;

/** A police force allowed to send notifications; its client certificate(s) identify it. */
public record Force(String code, String name, List<X509Certificate> certificates) {
    public Force {
        certificates = List.copyOf(certificates);
    }
}
