package org.mashgateway.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mashgateway.scheduling.Pollers;

/** The mailbox is polled again after a poll that throws anything, and one unreadable mail never holds up the rest. */
class GatewayMailboxKeepsPollingTest {

    private static final String ADDRESS = "mash-gateway@localhost";

    private final GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            .dynamicPort());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InboundMail inbound = mock(InboundMail.class);
    private GatewayMailbox mailbox;

    @BeforeEach
    void startServer() {
        server.start();
    }

    @AfterEach
    void stopAll() {
        if (mailbox != null) {
            mailbox.stop();
        }
        server.stop();
    }

    private GatewayMailbox mailbox() {
        ImapProperties imap = new ImapProperties(true, "127.0.0.1", server.getImap().getPort(), ImapSecurity.PLAIN,
                ADDRESS, "demo", Duration.ofMillis(20), "INBOX", Duration.ofSeconds(10), Duration.ofSeconds(30),
                null, null);
        return new GatewayMailbox(imap, inbound, true, new Pollers(meters));
    }

    @Test
    void an_out_of_memory_error_while_handling_a_mail_is_counted_and_the_next_poll_handles_it() throws Exception {
        GreenMailUser user = server.setUser(ADDRESS, ADDRESS, "demo");
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("agency@example.org"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        mail.setSubject("OFFICIAL-SENSITIVE");
        mail.setText("made up");
        user.deliver(mail);
        when(inbound.handle(any()))
                .thenThrow(new OutOfMemoryError("Java heap space"))
                .thenReturn(InboundMail.Handled.DONE);
        mailbox = mailbox();

        mailbox.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(inbound, times(2)).handle(any()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.getReceivedMessages()[0].isSet(Flags.Flag.SEEN));
        assertThat(meters.get("mash.poller.failures").tag("poller", "mailbox").counter().count()).isEqualTo(1.0);
    }

    @Test
    void a_mail_too_big_for_the_heap_is_left_unseen_and_the_others_go_on() throws Exception {
        Message huge = mock(Message.class);
        doThrow(new OutOfMemoryError("Java heap space")).when(huge).writeTo(any(OutputStream.class));
        mailbox = mailbox();

        InboundMail.Handled handled = mailbox.handle(huge);

        assertThat(handled).isEqualTo(InboundMail.Handled.DONE);
        verify(inbound, never()).handle(any());
        verify(huge, never()).setFlag(any(Flags.Flag.class), anyBoolean());
    }
}
