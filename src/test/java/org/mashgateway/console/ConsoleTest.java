package org.mashgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.delivery.DeliveryAdministration;
import org.mashgateway.sql.DatabaseTime;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The console in the whole gateway: every page for every role, the actions for ADMIN only and
 * only with the CSRF token, each action's effect and its record, and no personal value of a
 * notification that went through the real intake on any page.
 */
@AutoConfigureMockMvc
@Tag("database")
class ConsoleTest extends GatewayTest {

    private static final int SMTP_PORT = ConsoleFixtures.freePort();
    private static final int BROKER_PORT = ConsoleFixtures.freePort();
    private static final String QUEUE_ROUTE = "notification-queue-intake";

    static final List<String> PAGES = List.of("/admin", "/admin/deliveries", "/admin/deliveries?status=PENDING",
            "/admin/quarantine", "/admin/alerts", "/admin/alerts?show=acknowledged", "/admin/directory",
            "/admin/directory?schoolsPage=1");

    /** Every action, with what each needs to be well-formed. */
    static final List<String> ACTIONS = List.of("/admin/deliveries/999999999/retry", "/admin/deliveries/999999999/park",
            "/admin/routes/" + QUEUE_ROUTE + "/pause", "/admin/routes/" + QUEUE_ROUTE + "/resume",
            "/admin/directory/reload", "/admin/policy/reload", "/admin/quarantine/999999999/release?reason=CAUSE_FIXED",
            "/admin/quarantine/999999999/discard?reason=TEST_MESSAGE");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    RouteTraffic traffic;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.smtp.connect-timeout", () -> "PT1S");
        partnerListener(registry, BROKER_PORT);
        // The first attempt fails (no mail server yet) and the next is an hour away: time to park it.
        registry.add("mash.delivery.max-attempts", () -> "5");
        registry.add("mash.delivery.initial-backoff", () -> "PT1H");
        registry.add("mash.delivery.max-backoff", () -> "PT1H");
    }

    private static RequestPostProcessor as(String role) {
        return user(role.toLowerCase()).roles(role);
    }

    @Test
    void every_page_answers_every_console_role() throws Exception {
        for (String role : List.of("OPERATOR", "ADMIN", "AUDITOR")) {
            for (String page : PAGES) {
                String html = mvc.perform(get(page).with(as(role))).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString();
                assertThat(html).as(role + " " + page).contains("href=\"/admin/deliveries\"", "/admin/console.css",
                        "name=\"_csrf\"");
                assertThat(html.contains("href=\"/admin/audit\"")).as("Audit in the nav of " + role)
                        .isEqualTo(role.equals("AUDITOR"));
            }
        }
    }

    @Test
    void someone_not_logged_in_is_sent_to_the_login_page() throws Exception {
        for (String page : PAGES) {
            mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/login"));
        }
    }

    @Test
    void only_an_admin_may_take_an_action() throws Exception {
        for (String action : ACTIONS) {
            mvc.perform(post(action).with(as("OPERATOR")).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post(action).with(as("AUDITOR")).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(camel.getRouteController().getRouteStatus(QUEUE_ROUTE)).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void an_action_without_the_csrf_token_is_refused() throws Exception {
        for (String action : ACTIONS) {
            mvc.perform(post(action).with(as("ADMIN"))).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/alerts/1/acknowledge").with(as("OPERATOR"))).andExpect(status().isForbidden());
        assertThat(camel.getRouteController().getRouteStatus(QUEUE_ROUTE)).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void no_page_shows_a_personal_value_of_a_notification_or_a_quarantined_message() throws Exception {
        Notifications notification = ConsoleFixtures.distinctivePeople();
        String reference = ConsoleFixtures.postAsDerbyshire(port, notification).json().get("reference").asText();
        // Sent as DERBYS in the name of another force: refused by the intake and quarantined, names and all.
        Notifications forged = ConsoleFixtures.distinctivePeople().force("NOTTS", "Nottinghamshire Police");
        long quarantinedBefore = depth(BrokerAddresses.QUARANTINE);
        ConsoleFixtures.sendToQueueAs(BROKER_PORT, "DERBYS", forged.xml());
        await().atMost(Duration.ofSeconds(30)).until(() -> depth(BrokerAddresses.QUARANTINE) > quarantinedBefore);
        List<Long> deliveryIds = jdbc.queryForList(
                "SELECT delivery_id FROM delivery WHERE notification_reference = ?", Long.class, reference);
        assertThat(deliveryIds).isNotEmpty();

        List<String> pages = new ArrayList<>(PAGES);
        pages.add("/admin/deliveries?recipient=100001");
        deliveryIds.forEach(id -> pages.add("/admin/deliveries/" + id));
        for (String role : List.of("OPERATOR", "ADMIN")) {
            StringBuilder everything = new StringBuilder();
            for (String page : pages) {
                String html = mvc.perform(get(page).with(as(role))).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString();
                assertThat(html).as(role + " " + page).doesNotContain(ConsoleFixtures.PERSONAL_VALUES);
                everything.append(html);
            }
            assertThat(everything).as("the pages show the notification by its reference").contains(reference)
                    .contains("SENDING_FORCE_MISMATCH");
        }
    }

    @Test
    void an_admin_parks_a_waiting_delivery_then_retries_it_and_it_is_sent() throws Exception {
        String reference = ConsoleFixtures.postAsDerbyshire(port, ConsoleFixtures.distinctivePeople())
                .json().get("reference").asText();
        long deliveryId = jdbc.queryForObject("SELECT MIN(delivery_id) FROM delivery WHERE notification_reference = ? "
                + "AND recipient_type = 'AGENCY'", Long.class, reference);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT attempts FROM delivery WHERE delivery_id = ?", Integer.class, deliveryId) >= 1);
        String outputReference = jdbc.queryForObject("SELECT output_reference FROM delivery WHERE delivery_id = ?",
                String.class, deliveryId);

        mvc.perform(post("/admin/deliveries/" + deliveryId + "/park").with(as("ADMIN")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(row(deliveryId)).containsEntry("status", "FAILED")
                .containsEntry("reason_code", DeliveryAdministration.PARKED_BY_ADMIN);
        assertThat(jdbc.queryForList("SELECT decision FROM decision_record WHERE gateway_reference = ? AND reason_code = ?",
                String.class, outputReference, DeliveryAdministration.PARKED_BY_ADMIN)).containsExactly(DecisionKind.FAILED.name());
        assertThat(detail(deliveryId)).contains("PARKED_BY_ADMIN", "SMTP_UNAVAILABLE", ">admin<");

        GreenMail smtp = ConsoleFixtures.startSmtp(SMTP_PORT);
        try {
            mvc.perform(post("/admin/deliveries/" + deliveryId + "/retry").with(as("ADMIN")).with(csrf()))
                    .andExpect(status().is3xxRedirection());
            await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(row(deliveryId).get("status")));
        } finally {
            smtp.stop();
        }
        assertThat(row(deliveryId)).containsEntry("attempts", 1);
        assertThat(jdbc.queryForList("SELECT event FROM delivery_event WHERE delivery_id = ? ORDER BY event_id",
                String.class, deliveryId)).containsExactly("ATTEMPT_FAILED", "PARKED_BY_ADMIN", "RETRIED_BY_ADMIN", "SENT");
        assertThat(actions(outputReference)).containsExactly("admin PARK_DELIVERY", "admin RETRY_DELIVERY");
    }

    @Test
    void retrying_a_delivery_that_has_not_failed_changes_nothing() throws Exception {
        String reference = ConsoleFixtures.postAsDerbyshire(port, ConsoleFixtures.distinctivePeople())
                .json().get("reference").asText();
        long deliveryId = jdbc.queryForObject("SELECT MIN(delivery_id) FROM delivery WHERE notification_reference = ?",
                Long.class, reference);
        Map<String, Object> before = row(deliveryId);

        String flash = mvc.perform(post("/admin/deliveries/" + deliveryId + "/retry").with(as("ADMIN")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("outcome").toString();

        assertThat(flash).contains("done=false");
        assertThat(row(deliveryId)).containsEntry("status", before.get("status"));
        mvc.perform(get("/admin/deliveries/999999999").with(as("OPERATOR"))).andExpect(status().isNotFound());
    }

    @Test
    void an_admin_pauses_a_route_its_messages_wait_and_resuming_it_takes_them() throws Exception {
        mvc.perform(post("/admin/routes/" + QUEUE_ROUTE + "/pause").with(as("ADMIN")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(camel.getRouteController().getRouteStatus(QUEUE_ROUTE)).isEqualTo(ServiceStatus.Suspended);
        // Kept for every node, with who paused it.
        assertThat(jdbc.queryForList("SELECT paused_by FROM route_pause WHERE route_id = ?", String.class, QUEUE_ROUTE))
                .containsExactly("admin");
        assertThat(mvc.perform(get("/admin").with(as("OPERATOR"))).andReturn().getResponse().getContentAsString())
                .contains("Suspended");
        Notifications notification = ConsoleFixtures.distinctivePeople();
        try {
            ConsoleFixtures.sendToQueueAs(BROKER_PORT, "DERBYS", notification.xml());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> accepted(notification) == 0);
        } finally {
            mvc.perform(post("/admin/routes/" + QUEUE_ROUTE + "/resume").with(as("ADMIN")).with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(camel.getRouteController().getRouteStatus(QUEUE_ROUTE)).isEqualTo(ServiceStatus.Started);
        assertThat(jdbc.queryForList("SELECT paused_by FROM route_pause", String.class)).isEmpty();
        // The route that applies pauses on every node cannot itself be paused.
        mvc.perform(post("/admin/routes/route-pauses/pause").with(as("ADMIN")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(camel.getRouteController().getRouteStatus("route-pauses")).isEqualTo(ServiceStatus.Started);
        assertThat(jdbc.queryForList("SELECT paused_by FROM route_pause", String.class)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(notification) == 1);
        assertThat(actions(QUEUE_ROUTE)).containsExactly("admin PAUSE_ROUTE", "admin RESUME_ROUTE");
        await().atMost(Duration.ofSeconds(10)).until(() -> traffic.of(QUEUE_ROUTE).completed() >= 1);
        assertThat(traffic.of(QUEUE_ROUTE).recentCompleted()).isPositive();
        assertThat(traffic.of(QUEUE_ROUTE).lastExchangeAt()).isNotNull();
    }

    @Test
    void the_routes_panel_names_the_node_that_holds_work_run_on_one_node_at_a_time() throws Exception {
        // As another node would have left them: escalation held by node-b; the daily check's lease ran out.
        jdbc.update("DELETE FROM scheduled_work_lease WHERE work IN ('escalation', 'directory-certificate-expiry')");
        jdbc.update("INSERT INTO scheduled_work_lease (work, held_by, held_until) VALUES (?, ?, ?)", "escalation",
                "node-b", DatabaseTime.at(Instant.now().plus(Duration.ofDays(1))));
        jdbc.update("INSERT INTO scheduled_work_lease (work, held_by, held_until) VALUES (?, ?, ?)",
                "directory-certificate-expiry", "node-a", DatabaseTime.at(Instant.now().minus(Duration.ofMinutes(1))));
        try {
            String html = mvc.perform(get("/admin").with(as("OPERATOR"))).andReturn().getResponse().getContentAsString();
            assertThat(routeRow(html, "escalation")).contains("Runs on node-b").doesNotContain("lease ran out");
            assertThat(routeRow(html, "directory-certificate-expiry")).contains("Runs on node-a (its lease ran out");
            assertThat(routeRow(html, "policy-reload")).as("runs on every node").doesNotContain("Runs on");
        } finally {
            jdbc.update("DELETE FROM scheduled_work_lease WHERE work IN ('escalation', 'directory-certificate-expiry')");
        }
    }

    private static String routeRow(String html, String route) {
        int start = html.indexOf("id=\"route-" + route + "\"");
        assertThat(start).as("row of " + route).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void an_admin_reloads_the_directory_and_the_sharing_policy() throws Exception {
        mvc.perform(post("/admin/directory/reload").with(as("ADMIN")).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/policy/reload").with(as("ADMIN")).with(csrf())).andExpect(status().is3xxRedirection());

        assertThat(jdbc.queryForList("SELECT action FROM admin_action WHERE action LIKE 'RELOAD_%' AND actor = 'admin'",
                String.class)).contains("RELOAD_DIRECTORY", "RELOAD_POLICY");
        assertThat(mvc.perform(get("/admin/directory").with(as("OPERATOR"))).andReturn().getResponse()
                .getContentAsString()).contains("CSC", "100001");
    }

    @Test
    void an_admin_releases_a_dead_lettered_message_to_its_queue_and_the_intake_accepts_it() throws Exception {
        Notifications notification = ConsoleFixtures.distinctivePeople();
        long messageId = deadLettered(notification);
        String page = mvc.perform(get("/admin/quarantine").with(as("OPERATOR"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains(String.valueOf(messageId), BrokerAddresses.NOTIFICATIONS,
                BrokerQueues.REDELIVERIES_EXHAUSTED);
        assertThat(page).doesNotContain(ConsoleFixtures.PERSONAL_VALUES).doesNotContain("Release</button>");

        mvc.perform(post("/admin/quarantine/" + messageId + "/release").param("reason", "TEST_MESSAGE")
                .with(as("ADMIN")).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(inQuarantine(messageId)).as("a discard reason does not release").isTrue();
        mvc.perform(post("/admin/quarantine/" + messageId + "/release").param("reason", "CAUSE_FIXED")
                .with(as("ADMIN")).with(csrf())).andExpect(status().is3xxRedirection());

        assertThat(inQuarantine(messageId)).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(notification) == 1);
        assertThat(jdbc.queryForList("SELECT decision FROM decision_record WHERE reason_code = 'RELEASED_CAUSE_FIXED'",
                String.class)).containsExactly(DecisionKind.QUARANTINED.name());
        assertThat(actions("message " + messageId)).containsExactly("admin RELEASE_QUARANTINED");
    }

    @Test
    void an_admin_discards_a_quarantined_message_with_a_reason() throws Exception {
        Notifications forged = ConsoleFixtures.distinctivePeople().force("NOTTS", "Nottinghamshire Police");
        long before = depth(BrokerAddresses.QUARANTINE);
        ConsoleFixtures.sendToQueueAs(BROKER_PORT, "DERBYS", forged.xml());
        await().atMost(Duration.ofSeconds(30)).until(() -> depth(BrokerAddresses.QUARANTINE) > before);
        long messageId = newestIn(BrokerAddresses.QUARANTINE);

        mvc.perform(post("/admin/quarantine/" + messageId + "/release").param("reason", "CAUSE_FIXED")
                .with(as("ADMIN")).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(inQuarantine(messageId)).as("what the intake refused is not released").isTrue();
        mvc.perform(post("/admin/quarantine/" + messageId + "/discard").param("reason", "NOT_ACCEPTABLE")
                .with(as("ADMIN")).with(csrf())).andExpect(status().is3xxRedirection());

        assertThat(inQuarantine(messageId)).isFalse();
        assertThat(jdbc.queryForList("SELECT decision FROM decision_record WHERE reason_code = 'DISCARDED_NOT_ACCEPTABLE'",
                String.class)).containsExactly(DecisionKind.QUARANTINED.name());
        assertThat(actions("message " + messageId)).containsExactly("admin DISCARD_QUARANTINED");
    }

    @Test
    void an_operator_acknowledges_an_alert_and_it_moves_to_the_acknowledged_list() throws Exception {
        jdbc.update("INSERT INTO alert (raised_at, kind, reason_code, context) VALUES (CURRENT_TIMESTAMP, 'SYSTEM', "
                + "'CONSOLE_TEST', 'raised by the console test')");
        long alertId = jdbc.queryForObject("SELECT MAX(alert_id) FROM alert WHERE reason_code = 'CONSOLE_TEST'", Long.class);
        assertThat(mvc.perform(get("/admin/alerts").with(as("OPERATOR"))).andReturn().getResponse().getContentAsString())
                .contains("alert-" + alertId);

        mvc.perform(post("/admin/alerts/" + alertId + "/acknowledge").with(as("OPERATOR")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.queryForObject("SELECT acknowledged_by FROM alert WHERE alert_id = ?", String.class, alertId))
                .isEqualTo("operator");
        assertThat(mvc.perform(get("/admin/alerts").with(as("OPERATOR"))).andReturn().getResponse().getContentAsString())
                .doesNotContain("alert-" + alertId);
        assertThat(mvc.perform(get("/admin/alerts?show=acknowledged").with(as("OPERATOR"))).andReturn().getResponse()
                .getContentAsString()).contains("alert-" + alertId, "by operator");
    }

    /**
     * A valid notification sent as DERBYS while the queue route is stopped (no consumer holds it),
     * then moved by the broker to its dead-letter address (the quarantine), exactly as after its
     * redeliveries run out.
     */
    private long deadLettered(Notifications notification) throws Exception {
        camel.getRouteController().stopRoute(QUEUE_ROUTE);
        try {
            long before = depth(BrokerAddresses.NOTIFICATIONS);
            ConsoleFixtures.sendToQueueAs(BROKER_PORT, "DERBYS", notification.xml());
            await().atMost(Duration.ofSeconds(10)).until(() -> depth(BrokerAddresses.NOTIFICATIONS) > before);
            long messageId = newestIn(BrokerAddresses.NOTIFICATIONS);
            assertThat(queue(BrokerAddresses.NOTIFICATIONS).sendMessageToDeadLetterAddress(messageId)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !idsIn(BrokerAddresses.QUARANTINE).isEmpty());
            return newestIn(BrokerAddresses.QUARANTINE);
        } finally {
            camel.getRouteController().startRoute(QUEUE_ROUTE);
        }
    }

    private int accepted(Notifications notification) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM received_notification WHERE notification_id = ?", Integer.class,
                notification.id());
    }

    private Map<String, Object> row(long deliveryId) {
        return jdbc.queryForMap("SELECT status, reason_code, attempts FROM delivery WHERE delivery_id = ?", deliveryId);
    }

    private String detail(long deliveryId) throws Exception {
        return mvc.perform(get("/admin/deliveries/" + deliveryId).with(as("OPERATOR"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private List<String> actions(String target) {
        return jdbc.queryForList("SELECT actor || ' ' || action FROM admin_action WHERE target = ? ORDER BY action_id",
                String.class, target);
    }

    private Queue queue(String name) {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(name));
    }

    private long depth(String name) {
        return queue(name).getMessageCount();
    }

    private boolean inQuarantine(long messageId) {
        return idsIn(BrokerAddresses.QUARANTINE).contains(messageId);
    }

    private long newestIn(String name) {
        return idsIn(name).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private List<Long> idsIn(String name) {
        List<Long> ids = new ArrayList<>();
        try (LinkedListIterator<MessageReference> references = queue(name).browserIterator()) {
            references.forEachRemaining(reference -> ids.add(reference.getMessage().getMessageID()));
        }
        return ids;
    }
}
