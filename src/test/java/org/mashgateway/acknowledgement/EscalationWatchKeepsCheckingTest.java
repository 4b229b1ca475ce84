package org.mashgateway.acknowledgement;

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
import org.mashgateway.alert.Alerts;
import org.mashgateway.delivery.DeliveryMilestones;
import org.mashgateway.delivery.Outbox;
import org.mashgateway.directory.Directory;
import org.mashgateway.scheduling.ScheduledRouteFixture;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The escalation check runs again after a check that throws anything. */
class EscalationWatchKeepsCheckingTest {

    @Test
    void the_escalation_watch_checks_again_after_an_error_and_an_unreachable_store() {
        JdbcClient jdbc = mock(JdbcClient.class);
        when(jdbc.sql(anyString()))
                .thenThrow(new OutOfMemoryError("Java heap space"))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        AcknowledgementProperties.Escalation escalation = mock(AcknowledgementProperties.Escalation.class);
        when(escalation.schoolMargin()).thenReturn(Duration.ofHours(1));
        AcknowledgementProperties properties = mock(AcknowledgementProperties.class);
        when(properties.escalation()).thenReturn(escalation);
        EscalationWatch watch = new EscalationWatch(jdbc, mock(DeliveryMilestones.class), mock(Outbox.class), mock(Directory.class),
                mock(Alerts.class), mock(PlatformTransactionManager.class), properties, Clock.systemUTC());

        try (ScheduledRouteFixture route = ScheduledRouteFixture.run("escalation", watch, "check", Duration.ofMillis(10))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(jdbc, atLeast(3)).sql(anyString()));
            assertThat(route.failures()).isGreaterThanOrEqualTo(2.0);
        }
    }
}
