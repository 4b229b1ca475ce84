package org.mashgateway.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mashgateway.scheduling.ScheduledRouteFixture;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The mailbox is polled again after a poll that throws anything, and one unreadable mail never holds up the rest. */
class GatewayMailboxKeepsPollingTest {

    private static final String ADDRESS = "mash-gateway@localhost";

    private final GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            .dynamicPort());
    private final InboundMail inbound = mock(InboundMail.class);
    private GatewayMailbox mailbox;
    private ScheduledRouteFixture route;

    @BeforeEach
    void startServer() {
        server.start();
    }

    @AfterEach
    void stopAll() {
        if (route != null) {
            route.close();
        }
        if (mailbox != null) {
            mailbox.stop();
        }
        server.stop();
    }

    private GatewayMailbox mailbox(String... extraSettings) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "mash.mail.imap.host", "127.0.0.1",
                "mash.mail.imap.port", String.valueOf(server.getImap().getPort()),
                "mash.mail.imap.security", "plain",
                "mash.mail.imap.username", ADDRESS,
                "mash.mail.imap.password", "demo",
                "mash.mail.imap.poll-interval", "PT0.02S"));
        for (int i = 0; i < extraSettings.length; i += 2) {
            settings.put(extraSettings[i], extraSettings[i + 1]);
        }
        ImapProperties imap = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mash.mail.imap", ImapProperties.class);
        return new GatewayMailbox(imap, inbound, true);
    }

    /** Starts the mailbox and polls it as the gateway does: the route mailbox, at its poll interval. */
    private ScheduledRouteFixture polling(GatewayMailbox polled, Duration interval) {
        polled.start();
        return ScheduledRouteFixture.run("mailbox", polled, "poll", interval);
    }

    private MimeMessage mail(String text) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("agency@example.org"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        mail.setSubject(text);
        mail.setText(text);
        return mail;
    }

    private static boolean says(byte[] rawMail, String text) {
        return new String(rawMail, StandardCharsets.US_ASCII).contains("Subject: " + text);
    }

    private MimeMessage stored(String subject) throws Exception {
        for (MimeMessage stored : server.getReceivedMessages()) {
            if (stored.getSubject().startsWith(subject)) {
                return stored;
            }
        }
        throw new IllegalStateException("no such mail");
    }

    @Test
    void a_mail_whose_processing_throws_an_error_every_time_is_set_aside_and_the_mail_after_it_is_handled()
            throws Exception {
        GreenMailUser user = server.setUser(ADDRESS, ADDRESS, "demo");
        user.deliver(mail("poison"));
        user.deliver(mail("fine"));
        when(inbound.handle(any())).thenAnswer(call -> {
            if (says(call.getArgument(0), "poison")) {
                throw new StackOverflowError();
            }
            return InboundMail.Handled.DONE;
        });
        when(inbound.refuseUnread(any())).thenReturn(InboundMail.Handled.DONE);
        mailbox = mailbox();

        route = polling(mailbox, Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(10)).until(() -> stored("fine").isSet(Flags.Flag.SEEN));
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("poison").isSet(Flags.Flag.SEEN));
        Thread.sleep(200);
        assertThat(stored("poison").isSet(Flags.Flag.FLAGGED)).isTrue();
        verify(inbound, times(2)).handle(argThat(raw -> says(raw, "poison")));
        verify(inbound).refuseUnread(InboundMail.MAIL_NOT_PROCESSABLE);
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

        route = polling(mailbox, Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(inbound, times(2)).handle(any()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.getReceivedMessages()[0].isSet(Flags.Flag.SEEN));
        assertThat(route.failures()).isEqualTo(1.0);
    }

    @Test
    void the_attempts_on_a_poison_mail_are_counted_on_the_server_so_a_restart_does_not_start_them_again()
            throws Exception {
        GreenMailUser user = server.setUser(ADDRESS, ADDRESS, "demo");
        user.deliver(mail("poison"));
        when(inbound.handle(any())).thenThrow(new StackOverflowError());
        when(inbound.refuseUnread(any())).thenReturn(InboundMail.Handled.DONE);
        // A first node polls once, fails on the mail, and is gone.
        GatewayMailbox first = mailbox();
        try (ScheduledRouteFixture once = polling(first, Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(inbound).handle(any()));
        }
        first.stop();
        assertThat(stored("poison").getFlags().getUserFlags()).contains("MashAttempt1");

        mailbox = mailbox();
        route = polling(mailbox, Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(10)).until(() -> stored("poison").isSet(Flags.Flag.SEEN));
        verify(inbound, times(2)).handle(any());
        verify(inbound).refuseUnread(InboundMail.MAIL_NOT_PROCESSABLE);
    }

    /** A mail whose processing always throws an Error, then three that are handled. */
    private void poisonThenThreeFine() throws Exception {
        GreenMailUser user = server.setUser(ADDRESS, ADDRESS, "demo");
        user.deliver(mail("poison"));
        for (int i = 0; i < 3; i++) {
            user.deliver(mail("fine " + i));
        }
        when(inbound.handle(any())).thenAnswer(call -> {
            if (says(call.getArgument(0), "poison")) {
                throw new StackOverflowError();
            }
            return InboundMail.Handled.DONE;
        });
        when(inbound.refuseUnread(any())).thenReturn(InboundMail.Handled.DONE);
    }

    @Test
    void an_error_on_one_mail_of_a_batch_takes_back_the_first_attempts_counted_on_the_mails_after_it()
            throws Exception {
        poisonThenThreeFine();
        mailbox = mailbox();

        route = polling(mailbox, Duration.ofMillis(20));

        for (int i = 0; i < 3; i++) {
            String subject = "fine " + i;
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(subject).isSet(Flags.Flag.SEEN));
            // Counted with its batch at each poll the poison mail ended early, and taken back each time.
            assertThat(stored(subject).getFlags().getUserFlags()).containsExactly("MashAttempt1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("poison").isSet(Flags.Flag.FLAGGED));
        verify(inbound, times(3)).handle(argThat(raw -> says(raw, "fine")));
        verify(inbound, times(2)).handle(argThat(raw -> says(raw, "poison")));
        verify(inbound).refuseUnread(InboundMail.MAIL_NOT_PROCESSABLE);
    }

    @Test
    void a_node_that_died_in_a_batch_costs_the_mails_it_did_not_reach_one_attempt_and_no_more() throws Exception {
        poisonThenThreeFine();
        // As a node leaves them that counted a first attempt on its whole batch and died on the first mail.
        try (Store store = server.getImap().createStore()) {
            store.connect(ADDRESS, "demo");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.setFlags(inbox.getMessages(), new Flags("MashAttempt1"), true);
            inbox.close(false);
        }
        mailbox = mailbox();

        route = polling(mailbox, Duration.ofMillis(20));

        for (int i = 0; i < 3; i++) {
            String subject = "fine " + i;
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(subject).isSet(Flags.Flag.SEEN));
            assertThat(stored(subject).isSet(Flags.Flag.FLAGGED)).as(subject + " set aside").isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("poison").isSet(Flags.Flag.FLAGGED));
        verify(inbound, times(3)).handle(argThat(raw -> says(raw, "fine")));
        verify(inbound, times(1)).handle(argThat(raw -> says(raw, "poison")));
        verify(inbound).refuseUnread(InboundMail.MAIL_NOT_PROCESSABLE);
    }

    @Test
    void a_mail_larger_than_max_bytes_is_set_aside_unread_and_the_mail_after_it_is_handled() throws Exception {
        GreenMailUser user = server.setUser(ADDRESS, ADDRESS, "demo");
        user.deliver(mail("large " + "x".repeat(4096)));
        user.deliver(mail("fine"));
        when(inbound.handle(any())).thenReturn(InboundMail.Handled.DONE);
        when(inbound.refuseUnread(any())).thenReturn(InboundMail.Handled.DONE);
        mailbox = mailbox("mash.mail.imap.max-bytes", "2KB");

        route = polling(mailbox, Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(10)).until(() -> stored("fine").isSet(Flags.Flag.SEEN));
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("large").isSet(Flags.Flag.FLAGGED));
        verify(inbound).refuseUnread(InboundMail.MAIL_TOO_LARGE);
        verify(inbound, times(1)).handle(any());
    }
}
