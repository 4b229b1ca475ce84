package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashgateway.delivery.DeliveryFixtures.agencyShare;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.MashGatewayApplication;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.routecontrol.PausedRoutes;
import org.mashgateway.routecontrol.RoutePauses;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two gateway nodes on one database: the delivery route paused on one node is paused on the other
 * (which then claims nothing), stays paused for a node that starts meanwhile, and runs again on
 * every node when it is resumed on one.
 */
@Tag("database")
class DeliveryRoutePausedOnEveryNodeTest {

    @TempDir
    Path dataDirs;

    private final TestDatabase.Url database = TestDatabase.fresh("pause");
    /** A fresh SMTP server on a free loopback port for each test. */
    @RegisterExtension
    final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Test
    void a_pause_made_on_one_node_holds_on_the_other_and_for_a_node_that_starts_meanwhile() throws Exception {
        RecipientShare share = agencyShare("CSC", Notifications.freshId("DERBYS"));
        try (ConfigurableApplicationContext first = start("node-a")) {
            CamelContext firstCamel = first.getBean(CamelContext.class);
            try (ConfigurableApplicationContext second = start("node-b")) {
                assertThat(first.getBean(RoutePauses.class).pause(DeliveryRoute.ID, "admin", Instant.now())).isTrue();
                assertThat(first.getBean(PausedRoutes.class).pauseHere(firstCamel, DeliveryRoute.ID)).isTrue();

                await().atMost(Duration.ofSeconds(10)).until(() -> statusOn(second) == ServiceStatus.Suspended);
                DeliveryFixtures.schedule(second.getBean(PlatformTransactionManager.class), second.getBean(Deliveries.class),
                        share);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        second.getBean(Deliveries.class).byOutputReference(share.reference()).orElseThrow().status()
                                == DeliveryStatus.PENDING && smtp.getReceivedMessages().length == 0);
            }

            // A node (re)started while the route is paused never starts it.
            try (ConfigurableApplicationContext restarted = start("node-b")) {
                assertThat(statusOn(restarted)).isEqualTo(ServiceStatus.Stopped);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                        smtp.getReceivedMessages().length == 0);

                assertThat(first.getBean(RoutePauses.class).resume(DeliveryRoute.ID)).isTrue();
                assertThat(first.getBean(PausedRoutes.class).resumeHere(firstCamel, DeliveryRoute.ID)).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> statusOn(restarted) == ServiceStatus.Started);
                DeliveryState sent = DeliveryFixtures.awaitSettled(first.getBean(Deliveries.class), share);
                assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
                assertThat(smtp.getReceivedMessages()).hasSize(1);
            }
        }
    }

    private static ServiceStatus statusOn(ConfigurableApplicationContext node) {
        return node.getBean(CamelContext.class).getRouteController().getRouteStatus(DeliveryRoute.ID);
    }

    private ConfigurableApplicationContext start(String node) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--mash.data-dir=" + dataDirs.resolve(node),
                "--mash.delivery.node-id=" + node, "--mash.routes.pause-check-interval=200ms",
                "--mash.mail.smtp.port=" + smtp.getSmtp().getPort()));
        arguments.addAll(database.arguments());
        return new SpringApplicationBuilder(MashGatewayApplication.class)
                .profiles("demo", "test")
                .run(arguments.toArray(String[]::new));
    }
}
