package org.mashgateway.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.core.io.Resource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbound SMTP server.
 *
 * @param host server name; with TLS it must match the server certificate
 * @param port 587 (starttls) or 465 (smtps) in production, the demo server's port in the demo
 * @param security starttls (default), smtps or, in the demo only, plain
 * @param username login, or empty for none
 * @param password login password, or empty for none
 * @param connectTimeout longest wait for a connection
 * @param timeout longest wait for any read or write on a connection
 * @param connections SMTP connections kept open and reused (at most one per delivery thread is used)
 * @param trustStore PKCS#12 trust store the server's certificate must chain to; none for the JVM's
 *     (cacerts, or {@code javax.net.ssl.trustStore}), which suits a relay with a public certificate
 * @param trustStorePassword its password
 * @param onwardTls whether the operator confirms that the relay requires TLS onward; without it,
 *     signed-only mail goes only to a relay that offers REQUIRETLS
 */
@Validated
@ConfigurationProperties("mash.mail.smtp")
record SmtpProperties(
        @NotBlank String host,
        @DefaultValue("587") @Positive int port,
        @DefaultValue("starttls") @NotNull SmtpSecurity security,
        String username,
        String password,
        @DefaultValue("PT10S") @NotNull Duration connectTimeout,
        @DefaultValue("PT30S") @NotNull Duration timeout,
        @DefaultValue("4") @Positive int connections,
        Resource trustStore,
        String trustStorePassword,
        @DefaultValue("unconfirmed") @NotNull OnwardTls onwardTls) {

    boolean hasLogin() {
        return username != null && !username.isBlank();
    }
}
