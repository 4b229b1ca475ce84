package org.mashgateway.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.unit.DataSize;

/**
 * The gateway reads its mailbox over verified TLS only: a server whose certificate chains to the
 * configured trust store and names the host is read; one the gateway cannot verify never gets the
 * mailbox password.
 */
class ImapTlsTest {

    private static final String MAILBOX = "mash-gateway@localhost";

    private GreenMail plainServer;
    private TlsFrontEnd tlsServer;

    @BeforeEach
    void servers() throws Exception {
        plainServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        plainServer.start();
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom("csc-mash@derby.example");
        mail.setText("OFFICIAL-SENSITIVE");
        plainServer.setUser(MAILBOX, MAILBOX, "demo").deliver(mail);
        tlsServer = new TlsFrontEnd(plainServer.getImap().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        tlsServer.close();
        plainServer.stop();
    }

    @Test
    void a_server_that_chains_to_the_trust_store_and_names_the_host_is_read_over_tls() throws Exception {
        ImapProperties imaps = properties(tlsServer.port(), new FileSystemResource("certs-example/truststore.p12"));

        try (Store store = connect(imaps)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
        }
    }

    @Test
    void a_server_the_gateway_cannot_verify_gets_no_login() {
        ImapProperties jvmTrustOnly = properties(tlsServer.port(), null);

        assertThatThrownBy(() -> connect(jvmTrustOnly)).isInstanceOf(MessagingException.class);
    }

    @Test
    void plain_imap_is_refused_outside_the_demo() {
        ImapProperties plain = new ImapProperties(true, "127.0.0.1", plainServer.getImap().getPort(), ImapSecurity.PLAIN,
                MAILBOX, "demo", Duration.ofSeconds(10), "INBOX", Duration.ofSeconds(5), Duration.ofSeconds(5), null, null,
                DataSize.ofMegabytes(25), 2, Duration.ofMinutes(15), 20);

        assertThatThrownBy(() -> new GatewayMailbox(plain, null, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plain");
    }

    private static Store connect(ImapProperties imap) throws MessagingException {
        Store store = Session.getInstance(GatewayMailbox.sessionProperties(imap)).getStore(imap.protocol());
        store.connect(imap.host(), imap.port(), imap.username(), imap.password());
        return store;
    }

    private static ImapProperties properties(int port, FileSystemResource trustStore) {
        return new ImapProperties(true, "127.0.0.1", port, ImapSecurity.IMAPS, MAILBOX, "demo", Duration.ofSeconds(10),
                "INBOX", Duration.ofSeconds(5), Duration.ofSeconds(5), trustStore, trustStore == null ? null : "changeit",
                DataSize.ofMegabytes(25), 2, Duration.ofMinutes(15), 20);
    }
}
