package org.mashgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node's dashboard shows of the state every node shares: deliveries by state, queue
 * depths, open alerts, each route's state and the node holding the work run on one node at a
 * time (the per-node traffic counters are left out).
 */
public record ConsoleDashboard(Map<String, String> counts, Map<String, String> queues, String openAlerts,
        Map<String, String> states, Map<String, String> runsOn) {

    private static final Pattern COUNT = Pattern.compile("id=\"count-([A-Z_]+)\">([0-9]+)<");
    private static final Pattern OPEN_ALERTS = Pattern.compile("id=\"open-alerts\"[^>]*>([0-9]+)<");
    private static final Pattern QUEUE = Pattern.compile("<td>(mash\\.[a-z.]+)</td>\\s*<td[^>]*>([^<]*)</td>");
    private static final Pattern ROUTE = Pattern.compile("<tr id=\"route-([^\"]+)\">(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern STATE = Pattern.compile("<td class=\"status[^\"]*\">([^<]+)</td>");
    private static final Pattern RUNS_ON = Pattern.compile("class=\"runs-on\">Runs on ([^ <]+)");

    public static ConsoleDashboard of(ConsoleSession console) {
        HttpResponse<String> page = console.get("/admin");
        assertThat(page.statusCode()).as("dashboard").isEqualTo(200);
        String html = page.body();
        Map<String, String> states = new TreeMap<>();
        Map<String, String> runsOn = new TreeMap<>();
        Matcher route = ROUTE.matcher(html);
        while (route.find()) {
            Matcher state = STATE.matcher(route.group(2));
            states.put(route.group(1), state.find() ? state.group(1) : "?");
            Matcher holder = RUNS_ON.matcher(route.group(2));
            if (holder.find()) {
                runsOn.put(route.group(1), holder.group(1));
            }
        }
        Matcher alerts = OPEN_ALERTS.matcher(html);
        return new ConsoleDashboard(pairs(COUNT, html), pairs(QUEUE, html), alerts.find() ? alerts.group(1) : "?", states,
                runsOn);
    }

    private static Map<String, String> pairs(Pattern pattern, String html) {
        Map<String, String> pairs = new TreeMap<>();
        Matcher pair = pattern.matcher(html);
        while (pair.find()) {
            pairs.put(pair.group(1), pair.group(2).strip());
        }
        return pairs;
    }
}
