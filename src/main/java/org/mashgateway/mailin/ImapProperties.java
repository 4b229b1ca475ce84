package org.mashgateway.mailin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's inbound mailbox.
 *
 * @param enabled whether this node polls the mailbox at all
 * @param host IMAP server; with TLS it must match the server certificate
 * @param port 993 (imaps) or 143 (starttls) in production, the demo server's port in the demo
 * @param security imaps (default), starttls or, in the demo only, plain
 * @param username mailbox login
 * @param password mailbox password
 * @param pollInterval wait between two polls of the mailbox
 * @param folder the folder polled
 * @param connectTimeout longest wait for a connection
 * @param timeout longest wait for any read on a connection
 * @param trustStore PKCS#12 trust store the server's certificate must chain to; none for the JVM's
 *     (cacerts, or {@code javax.net.ssl.trustStore})
 * @param trustStorePassword its password
 * @param maxBytes largest mail read, by the size the server states; a larger one is quarantined
 *     unread (MAIL_TOO_LARGE)
 * @param maxAttempts how often the gateway starts on one mail without an outcome (its processing
 *     threw an error, or the node died) before it quarantines it unread (MAIL_NOT_PROCESSABLE)
 * @param alertInterval within it, refused mails raise at most one alert per reason code
 * @param keptCopiesPerInterval at most this many refused mails are copied to the quarantine per
 *     alert interval; beyond it, a refusal leaves its decision record only
 */
@Validated
@ConfigurationProperties("mash.mail.imap")
record ImapProperties(
        @DefaultValue("true") boolean enabled,
        String host,
        @DefaultValue("993") @Positive int port,
        @DefaultValue("imaps") @NotNull ImapSecurity security,
        String username,
        String password,
        @DefaultValue("PT10S") @NotNull Duration pollInterval,
        @DefaultValue("INBOX") @NotBlank String folder,
        @DefaultValue("PT10S") @NotNull Duration connectTimeout,
        @DefaultValue("PT30S") @NotNull Duration timeout,
        Resource trustStore,
        String trustStorePassword,
        @DefaultValue("25MB") @NotNull DataSize maxBytes,
        @DefaultValue("2") @Positive int maxAttempts,
        @DefaultValue("PT15M") @NotNull Duration alertInterval,
        @DefaultValue("20") @PositiveOrZero int keptCopiesPerInterval) {

    /** The Jakarta Mail store protocol for this security. */
    String protocol() {
        return security == ImapSecurity.IMAPS ? "imaps" : "imap";
    }
}
