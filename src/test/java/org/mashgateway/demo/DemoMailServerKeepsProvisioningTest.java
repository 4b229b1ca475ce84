package org.mashgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashgateway.directory.Directory;
import org.mashgateway.scheduling.Pollers;

/** The demo's mailbox check goes on after a check that throws anything. */
class DemoMailServerKeepsProvisioningTest {

    @Test
    void the_demo_mailbox_check_runs_again_after_an_error_and_an_exception() {
        Directory directory = mock(Directory.class);
        when(directory.agencies())
                .thenReturn(List.of())
                .thenThrow(new OutOfMemoryError("Java heap space"))
                .thenThrow(new IllegalStateException("directory being swapped"))
                .thenReturn(List.of());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DemoMailServer server = new DemoMailServer(directory, "mash-gateway@localhost", "",
                new DemoMailServer.Endpoint("127.0.0.1", 0), new DemoMailServer.Endpoint("127.0.0.1", 0),
                Duration.ofMillis(10), new Pollers(meters));

        server.start();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(directory, atLeast(4)).agencies());
        } finally {
            server.stop();
        }

        assertThat(meters.get("mash.poller.failures").tag("poller", "demo-mailboxes").counter().count())
                .isEqualTo(2.0);
    }
}
