package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.delivery.TlsSmtpServer.Mode;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A school with {@code protection: tls} and no certificate gets its notification signed but not
 * encrypted, so it must travel over TLS beyond the relay too. Over verified STARTTLS to a relay
 * that does not offer REQUIRETLS, with nobody having confirmed that the relay requires TLS onward,
 * the gateway hands it nothing: the delivery fails with ONWARD_TLS_NOT_ASSURED and the admins are
 * alerted (before this rule the mail went out). Once the relay offers REQUIRETLS it goes, asking for it.
 */
class OnwardTlsDeliveryTest extends GatewayTest {

    private static final String TLS_ONLY_SCHOOL = "100003";
    private static final TlsSmtpServer RELAY = startRelay();

    @Autowired
    Deliveries deliveries;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.directory", () -> "classpath:delivery/directory.yaml");
        registry.add("mash.mail.smtp.host", () -> "localhost");
        registry.add("mash.mail.smtp.port", () -> String.valueOf(RELAY.port()));
        registry.add("mash.mail.smtp.security", () -> "starttls");
        registry.add("mash.mail.smtp.trust-store", () -> "file:certs-example/truststore.p12");
        registry.add("mash.mail.smtp.trust-store-password", () -> "changeit");
        registry.add("mash.delivery.initial-backoff", () -> "PT0.2S");
    }

    @AfterAll
    static void stopRelay() throws IOException {
        RELAY.close();
    }

    @Test
    void signed_only_mail_is_held_failed_and_alerted_until_the_relay_assures_tls_onward() {
        RecipientShare refused = DeliveryFixtures.schoolShare(TLS_ONLY_SCHOOL, Notifications.freshId("DERBYS"));

        DeliveryFixtures.schedule(transactions, deliveries, refused);

        DeliveryState failed = DeliveryFixtures.awaitSettled(deliveries, refused);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("ONWARD_TLS_NOT_ASSURED");
        assertThat(failed.attempts()).as("not retried: only the operator or the relay can change it").isEqualTo(1);
        assertThat(decisionLog.byReference(refused.reference())).extracting(DecisionRecord::decision)
                .containsExactly(DecisionKind.SHARED, DecisionKind.FAILED);
        assertThat(DeliveryFixtures.awaitDeliveryAlertsAbout(jdbc, refused))
                .containsExactly("ONWARD_TLS_NOT_ASSURED");
        assertThat(RELAY.mailFromLines()).as("the relay was handed nothing").isEmpty();
        assertThat(RELAY.accepted()).isZero();

        RELAY.offeringRequireTls();
        RecipientShare sent = DeliveryFixtures.schoolShare(TLS_ONLY_SCHOOL, Notifications.freshId("DERBYS"));

        DeliveryFixtures.schedule(transactions, deliveries, sent);

        assertThat(DeliveryFixtures.awaitSettled(deliveries, sent).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(RELAY.acceptedOverTls()).isEqualTo(1);
        assertThat(RELAY.mailFromLines()).singleElement().asString().endsWith(" REQUIRETLS");
    }

    private static TlsSmtpServer startRelay() {
        try {
            return new TlsSmtpServer(Mode.STARTTLS, InetAddress.getLoopbackAddress());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
