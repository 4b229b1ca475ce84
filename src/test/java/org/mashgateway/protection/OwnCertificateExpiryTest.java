package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mashgateway.alert.Alerts;

/** The gateway's own certificates are watched like the partners': 30 days ahead, and once expired. */
class OwnCertificateExpiryTest {

    private final List<String> raised = new ArrayList<>();
    private final Alerts alerts = (kind, reasonCode, context) -> raised.add(kind + " " + reasonCode + " " + context);

    @Test
    void a_certificate_expiring_within_30_days_is_alerted_and_a_healthy_one_is_not() throws Exception {
        TestPki.Authority ca = TestPki.authority("Expiry CA");
        TestPki.Party soon = ca.issue("Gateway signing", TestPki.NOW.minus(Duration.ofDays(300)),
                TestPki.NOW.plus(Duration.ofDays(29)));
        TestPki.Party healthy = ca.issue("Gateway TLS");

        List<String> alerted = new OwnCertificateExpiry(Map.of("gateway signing certificate", soon.certificate(),
                "gateway TLS server certificate", healthy.certificate()), alerts, TestPki.CLOCK).check();

        assertThat(alerted).containsExactly("gateway signing certificate");
        assertThat(raised).singleElement().asString()
                .startsWith("CERTIFICATE OWN_CERTIFICATE_EXPIRING gateway signing certificate expires on ");
    }

    @Test
    void an_expired_certificate_is_alerted_as_expired() throws Exception {
        TestPki.Party expired = TestPki.authority("Expiry CA").issue("Gateway signing",
                TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(1)));

        new OwnCertificateExpiry(Map.of("gateway signing certificate", expired.certificate()), alerts, TestPki.CLOCK)
                .check();

        assertThat(raised).singleElement().asString().contains("OWN_CERTIFICATE_EXPIRED");
    }
}
