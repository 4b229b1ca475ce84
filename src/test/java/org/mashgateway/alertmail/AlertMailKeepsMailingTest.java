package org.mashgateway.alertmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mashgateway.delivery.Outbox;
import org.mashgateway.scheduling.ScheduledRouteFixture;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Alert mail goes on after a round that throws anything, the unforeseen counted as a poller failure. */
class AlertMailKeepsMailingTest {

    @Test
    void alert_mail_tries_again_after_an_error_an_unforeseen_exception_and_an_unreachable_store() {
        JdbcClient jdbc = mock(JdbcClient.class);
        when(jdbc.sql(anyString()))
                .thenThrow(new OutOfMemoryError("Java heap space"))
                .thenThrow(new IllegalStateException("unforeseen"))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        AlertMailProperties properties = new AlertMailProperties("mash-admins@localhost",
                new FileSystemResource("certs-example/admin.crt"), Duration.ofMinutes(1), Duration.ofMillis(10));
        AlertMail alertMail = new AlertMail(jdbc, mock(Outbox.class), mock(PlatformTransactionManager.class),
                properties, Clock.systemUTC());

        try (ScheduledRouteFixture route = ScheduledRouteFixture.run("alert-mail", alertMail, "mailDue",
                Duration.ofMillis(10))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(jdbc, atLeast(4)).sql(anyString()));
            assertThat(route.failures()).isGreaterThanOrEqualTo(3.0);
        }
    }
}
