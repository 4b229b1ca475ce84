package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real SMTP server for the gateway to mail, and OpenSSL opening what arrived as its recipient would. */
public final class Mailboxes {

    public static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private Mailboxes() {}

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GreenMail smtp(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    public static List<MimeMessage> to(GreenMail smtp, String address) {
        return List.of(smtp.getReceivedMessages()).stream().filter(addressedTo(address)).toList();
    }

    /** The first mail to {@code address} that {@code matches}, waiting up to a minute for it. */
    public static MimeMessage await(GreenMail smtp, String address, Predicate<MimeMessage> matches) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : to(smtp, address)) {
                if (matches.test(mail)) {
                    return mail;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + address + " arrived");
    }

    public static Predicate<MimeMessage> addressedTo(String address) {
        return mail -> {
            try {
                return address.equals(mail.getRecipients(Message.RecipientType.TO)[0].toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    public static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code openssl cms -decrypt} with the demo identity's key, then {@code -verify} against the demo
     * CA (both must succeed); returns the parts of the signed content, decoded, text first.
     */
    public static String openedBy(String demoIdentity, MimeMessage mail, Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mail.writeTo(bytes);
        Path saved = Files.createTempFile(dir, "mail", ".eml");
        Files.write(saved, bytes.toByteArray());
        Path decrypted = Files.createTempFile(dir, "decrypted", ".eml");
        Path content = Files.createTempFile(dir, "content", ".eml");
        assertThat(run("cms", "-decrypt", "-in", saved.toString(), "-recip", "certs-example/" + demoIdentity + ".crt",
                "-inkey", "certs-example/" + demoIdentity + ".key", "-out", decrypted.toString())).isZero();
        assertThat(run("cms", "-verify", "-in", decrypted.toString(), "-CAfile", "certs-example/ca.crt", "-out",
                content.toString())).isZero();
        MimeMessage parsed = new MimeMessage(null, new ByteArrayInputStream(Files.readAllBytes(content)));
        StringBuilder text = new StringBuilder();
        Multipart multipart = (Multipart) parsed.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            text.append(new String(multipart.getBodyPart(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    public static boolean hasOpenSsl() {
        return Files.isExecutable(OPENSSL);
    }

    private static int run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
