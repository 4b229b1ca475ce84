package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.Test;
import org.mashgateway.delivery.TlsSmtpServer.Mode;
import org.springframework.core.io.FileSystemResource;

/**
 * Mail goes only over TLS to a server whose certificate chains to the configured trust store and
 * names the host connected to; otherwise nothing is sent.
 */
class SmtpTlsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void smtps_delivers_to_a_server_with_a_trusted_certificate_for_its_name() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.SMTPS, LOOPBACK);
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.SMTPS, "127.0.0.1", server.port(), true), false)) {
            sender.send(mail(sender), recipients());
            sender.send(mail(sender), recipients());

            assertThat(server.acceptedOverTls()).isEqualTo(2);
        }
    }

    @Test
    void starttls_upgrades_before_sending_anything() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.STARTTLS, LOOPBACK);
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.STARTTLS, "localhost", server.port(), true), false)) {
            sender.send(mail(sender), recipients());

            assertThat(server.accepted()).isEqualTo(1);
            assertThat(server.acceptedOverTls()).isEqualTo(1);
        }
    }

    @Test
    void a_server_that_does_not_offer_starttls_gets_nothing() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.NO_STARTTLS, LOOPBACK);
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.STARTTLS, "127.0.0.1", server.port(), true), false)) {
            assertThatThrownBy(() -> sender.send(mail(sender), recipients()))
                    .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isTransient()).isTrue());

            assertThat(server.accepted()).isZero();
        }
    }

    @Test
    void a_server_whose_certificate_names_another_host_gets_nothing() throws Exception {
        // 127.0.0.2 is loopback too, but the demo server certificate names only localhost and 127.0.0.1.
        InetAddress otherName = InetAddress.getByName("127.0.0.2");
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.SMTPS, otherName);
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.SMTPS, "127.0.0.2", server.port(), true), false)) {
            assertThatThrownBy(() -> sender.send(mail(sender), recipients()))
                    .isInstanceOfSatisfying(DeliveryFailure.class,
                            failure -> assertThat(failure.reasonCode()).isEqualTo("SMTP_UNAVAILABLE"));

            assertThat(server.accepted()).isZero();
        }
    }

    @Test
    void a_server_whose_certificate_is_not_in_the_trust_store_gets_nothing() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.STARTTLS, LOOPBACK);
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.STARTTLS, "127.0.0.1", server.port(), false), false)) {
            assertThatThrownBy(() -> sender.send(mail(sender), recipients())).isInstanceOf(DeliveryFailure.class);

            assertThat(server.accepted()).isZero();
        }
    }

    @Test
    void signed_only_mail_goes_with_requiretls_when_the_relay_offers_it() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.STARTTLS, LOOPBACK).offeringRequireTls();
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.STARTTLS, "localhost", server.port(), true), false)) {
            sender.send(mail(sender), recipients(), true);

            assertThat(server.acceptedOverTls()).isEqualTo(1);
            assertThat(server.mailFromLines()).singleElement().asString().endsWith(" REQUIRETLS");
        }
    }

    @Test
    void signed_only_mail_is_not_handed_to_a_relay_that_cannot_assure_tls_onward() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.STARTTLS, LOOPBACK);
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.STARTTLS, "localhost", server.port(), true), false)) {
            assertThatThrownBy(() -> sender.send(mail(sender), recipients(), true))
                    .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                        assertThat(failure.reasonCode()).isEqualTo(SmtpSender.ONWARD_TLS_NOT_ASSURED);
                        assertThat(failure.isTransient()).isFalse();
                    });
            assertThat(server.mailFromLines()).as("not even a MAIL FROM").isEmpty();

            // the same connection still carries encrypted mail
            sender.send(mail(sender), recipients());
            assertThat(server.acceptedOverTls()).isEqualTo(1);
        }
    }

    @Test
    void signed_only_mail_goes_on_the_operators_confirmation_that_the_relay_requires_tls_onward() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.STARTTLS, LOOPBACK);
                SmtpSender sender = new SmtpSender(
                        properties(SmtpSecurity.STARTTLS, "localhost", server.port(), true, OnwardTls.CONFIRMED), false)) {
            sender.send(mail(sender), recipients(), true);

            assertThat(server.acceptedOverTls()).isEqualTo(1);
            assertThat(server.mailFromLines()).singleElement().asString().doesNotContain("REQUIRETLS");
        }
    }

    @Test
    void encrypted_mail_does_not_ask_for_requiretls() throws Exception {
        try (TlsSmtpServer server = new TlsSmtpServer(Mode.STARTTLS, LOOPBACK).offeringRequireTls();
                SmtpSender sender = new SmtpSender(properties(SmtpSecurity.STARTTLS, "localhost", server.port(), true), false)) {
            sender.send(mail(sender), recipients());

            assertThat(server.mailFromLines()).singleElement().asString().doesNotContain("REQUIRETLS");
        }
    }

    /** An SMTPMessage, as the gateway's mails are, so that it can carry REQUIRETLS. */
    private static MimeMessage mail(SmtpSender sender) throws Exception {
        MimeMessage mail = new SMTPMessage(sender.session());
        mail.setFrom("mash-gateway@localhost");
        mail.setSubject("OFFICIAL-SENSITIVE: Withdrawal MGW-TEST");
        mail.setText("OFFICIAL-SENSITIVE");
        return mail;
    }

    private static Address[] recipients() throws Exception {
        return new Address[] {new InternetAddress("csc-mash@derby.example")};
    }

    private static SmtpProperties properties(SmtpSecurity security, String host, int port, boolean trustDemoCa) {
        return properties(security, host, port, trustDemoCa, OnwardTls.UNCONFIRMED);
    }

    private static SmtpProperties properties(SmtpSecurity security, String host, int port, boolean trustDemoCa,
            OnwardTls onwardTls) {
        return new SmtpProperties(host, port, security, null, null, Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
                trustDemoCa ? new FileSystemResource("certs-example/truststore.p12") : null,
                trustDemoCa ? "changeit" : null, onwardTls);
    }
}
