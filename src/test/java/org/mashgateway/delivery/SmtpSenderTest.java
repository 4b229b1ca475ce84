package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** The SMTP side of delivery: what it refuses to run with, how it talks TLS, how it sorts faults. */
class SmtpSenderTest {

    @Test
    void plain_smtp_is_refused_outside_the_demo() {
        assertThatThrownBy(() -> new SmtpSender(properties(SmtpSecurity.PLAIN, 25), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mash.mail.smtp.security=plain")
                .hasMessageContaining("mash.demo.enabled");
    }

    @Test
    void plain_smtp_is_allowed_in_the_demo_and_is_not_verified_tls() {
        try (SmtpSender sender = new SmtpSender(properties(SmtpSecurity.PLAIN, 3025), true)) {
            assertThat(sender.verifiesTls()).isFalse();
        }
    }

    @Test
    void starttls_is_required_with_the_servers_identity_checked_and_tls_1_2_or_1_3_only() {
        try (SmtpSender sender = new SmtpSender(properties(SmtpSecurity.STARTTLS, 587), false)) {
            Properties session = sender.session().getProperties();
            assertThat(session.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
            assertThat(session.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
            assertThat(session.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
            assertThat(session.getProperty("mail.smtp.ssl.protocols")).isEqualTo("TLSv1.3 TLSv1.2");
            assertThat(session.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
            assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("30000");
            assertThat(session.getProperty("mail.smtp.writetimeout")).isEqualTo("30000");
            assertThat(session.get("mail.smtp.socketFactory")).isInstanceOf(NoDelaySocketFactory.class);
            assertThat(session.get("mail.smtp.ssl.socketFactory")).isInstanceOf(TlsSocketFactory.class);
            assertThat(sender.verifiesTls()).isTrue();
        }
    }

    @Test
    void smtps_uses_implicit_tls_with_the_servers_identity_checked() {
        try (SmtpSender sender = new SmtpSender(properties(SmtpSecurity.SMTPS, 465), false)) {
            Properties session = sender.session().getProperties();
            assertThat(session.getProperty("mail.transport.protocol")).isEqualTo("smtps");
            assertThat(session.getProperty("mail.smtps.ssl.enable")).isEqualTo("true");
            assertThat(session.getProperty("mail.smtps.ssl.checkserveridentity")).isEqualTo("true");
            assertThat(session.get("mail.smtps.socketFactory")).isInstanceOf(TlsSocketFactory.class);
        }
    }

    @Test
    void tls_sockets_offer_only_tls_1_2_and_1_3_without_nagle_delay() throws Exception {
        TlsSocketFactory factory = new TlsSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault());
        try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
        assertThat(new NoDelaySocketFactory().createSocket().getTcpNoDelay()).isTrue();
    }

    @Test
    void a_server_whose_certificate_is_not_trusted_gets_nothing_and_the_fault_is_transient() throws Exception {
        GreenMail untrusted = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        untrusted.start();
        try (SmtpSender sender = new SmtpSender(properties(SmtpSecurity.SMTPS, untrusted.getSmtps().getPort()), false)) {
            MimeMessage mail = new MimeMessage(sender.session());
            mail.setFrom("mash-gateway@localhost");
            mail.setText("OFFICIAL-SENSITIVE");

            assertThatThrownBy(() -> sender.send(mail, new Address[] {new InternetAddress("csc-mash@derby.example")}))
                    .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                        assertThat(failure.isTransient()).isTrue();
                        assertThat(failure.reasonCode()).isEqualTo("SMTP_UNAVAILABLE");
                    });
            assertThat(untrusted.getReceivedMessages()).isEmpty();
        } finally {
            untrusted.stop();
        }
    }

    @Test
    void a_4xx_reply_is_transient_and_a_5xx_reply_permanent() throws Exception {
        InternetAddress to = new InternetAddress("csc-mash@derby.example");
        SendFailedException busy = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 451, "451 4.3.0 try again later"));
        SendFailedException unknown = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 550, "550 5.1.1 no such mailbox"));
        SMTPSendFailedException dataRefused = new SMTPSendFailedException("DATA", 554, "554 5.7.1 refused", null,
                null, null, null);

        assertThat(SmtpSender.classify(busy).isTransient()).isTrue();
        assertThat(SmtpSender.classify(busy).reasonCode()).isEqualTo("SMTP_TEMPORARY_FAILURE");
        assertThat(SmtpSender.classify(unknown).isTransient()).isFalse();
        assertThat(SmtpSender.classify(unknown).reasonCode()).isEqualTo("SMTP_REJECTED");
        assertThat(SmtpSender.classify(dataRefused).isTransient()).isFalse();
    }

    @Test
    void a_refused_connection_is_transient() {
        MessagingException refused = new MessagingException("Couldn't connect to host", new ConnectException("refused"));

        assertThat(SmtpSender.classify(refused).isTransient()).isTrue();
        assertThat(SmtpSender.classify(refused).reasonCode()).isEqualTo("SMTP_UNAVAILABLE");
    }

    private static SmtpProperties properties(SmtpSecurity security, int port) {
        return new SmtpProperties("127.0.0.1", port, security, null, null, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 2, null, null, OnwardTls.UNCONFIRMED);
    }
}
