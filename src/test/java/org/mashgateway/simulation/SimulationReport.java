package org.mashgateway.simulation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.mashgateway.simulation.DeadlineCompliance.Figures;
import org.mashgateway.simulation.DeadlineCompliance.Share;
import org.mashgateway.simulation.DeadlineSimulation.Outage;
import org.mashgateway.simulation.DeadlineSimulation.Run;
import org.mashgateway.simulation.DeadlineSimulation.Sample;

/**
 * Prints a run's figures and writes them under {@code target/simulation/}: the compliance table and
 * every miss as CSV, the backlog sampled at each step as CSV, and a plot (PNG) of the backlog and of
 * the tightest slack left to what waits, with the relay's outages shaded.
 */
final class SimulationReport {

    private SimulationReport() {}

    static String print(String name, Run run, Figures figures) throws IOException {
        Path dir = Path.of("target", "simulation");
        Files.createDirectories(dir);
        List<List<String>> table = DeadlineCompliance.table(figures);
        Files.write(dir.resolve(name + "-compliance.csv"), table.stream().map(SimulationReport::csv).toList(),
                StandardCharsets.UTF_8);
        List<String> misses = new ArrayList<>(List.of("output_reference,deadline_class,kind,arrived,due_by,sent_at,outcome"));
        for (Share share : figures.shares()) {
            if (share.outcome() != DeadlineCompliance.Outcome.MET && share.outcome() != DeadlineCompliance.Outcome.DUE_AFTER_THE_RUN) {
                misses.add(csv(List.of(share.reference(), share.deadlineClass(), share.kind(), share.createdAt().toString(),
                        share.dueBy().toString(), String.valueOf(share.sentAt()), share.outcome().name())));
            }
        }
        Files.write(dir.resolve(name + "-misses.csv"), misses, StandardCharsets.UTF_8);
        List<String> backlog = new ArrayList<>(List.of("at,pending_shares,tightest_slack_minutes,oldest_waiting_minutes,relay_up"));
        for (Sample sample : run.samples()) {
            backlog.add(sample.at() + "," + sample.pending() + ","
                    + (sample.tightestSlack() == null ? "" : String.valueOf(sample.tightestSlack().toMinutes())) + ","
                    + sample.oldestWaiting().toMinutes() + "," + sample.relayUp());
        }
        Files.write(dir.resolve(name + "-backlog.csv"), backlog, StandardCharsets.UTF_8);
        Path plot = dir.resolve(name + "-backlog.png");
        plot(run, plot);

        StringBuilder out = new StringBuilder();
        out.append("=== mash-gateway deadline simulation: ").append(name).append(" ===\n");
        out.append(String.format("simulated            %s to %s (%s), step %s, seed %d%n", run.plan().start(), run.plan().end(),
                run.plan().length(), run.plan().step(), run.plan().seed()));
        out.append(String.format("faults               %s%n", run.plan().outages().stream()
                .map(o -> o.name() + " " + o.from() + " for " + o.length()).collect(Collectors.joining("; "))));
        out.append(String.format("documents accepted   %s (%d by queue, %d of them after the broker's restart; %d held by the force while it was away), refused %d%n",
                run.posted(), run.byQueue(), run.byQueueAfterRestart(), run.heldByForce(), run.refused()));
        out.append(String.format("mails received       %d (shares sent %d, retries %d, FAILED %d); acknowledged by link %d (pages answered %s)%n",
                run.mails(), figures.sent(), figures.retries(), figures.failed(), run.acknowledged(), run.linkAnswers()));
        out.append(String.format("longest wait         %s from arrival to sent%n", figures.longestWait()));
        out.append(String.format("gateway and driver   %s wall, %s CPU (one JVM: the gateway, the force, the relay and the recipients), peak RSS %.0f MB%n",
                run.wallTime(), run.cpuTime(), run.peakRssMb()));
        for (List<String> row : table) {
            out.append(String.format("%-28s", row.get(0)));
            for (String cell : row.subList(1, row.size())) {
                out.append(String.format(" | %s", cell));
            }
            out.append('\n');
        }
        out.append("written              ").append(dir.toAbsolutePath()).append('/').append(name).append("-{compliance,misses,backlog}.csv, ")
                .append(plot.getFileName()).append('\n');
        System.out.print(out);
        return out.toString();
    }

    private static void plot(Run run, Path file) throws IOException {
        TimeSeries pending = new TimeSeries("shares waiting to be sent");
        TimeSeries slack = new TimeSeries("tightest slack of what waits (hours to its DueBy)");
        for (Sample sample : run.samples()) {
            Millisecond at = new Millisecond(Date.from(sample.at()));
            pending.addOrUpdate(at, sample.pending());
            // Nothing waiting: no slack to draw (a gap in the line).
            slack.addOrUpdate(at, sample.tightestSlack() == null ? null : sample.tightestSlack().toMinutes() / 60.0);
        }
        DateAxis time = new DateAxis("simulated time (Europe/London)");
        time.setTimeZone(TimeZone.getTimeZone(SimulatedIncidents.LONDON));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.add(panel(pending, "shares waiting", new Color(0x1f, 0x4e, 0x79), run), 1);
        plot.add(panel(slack, "slack (h)", new Color(0xb0, 0x3a, 0x2e), run), 1);
        JFreeChart chart = new JFreeChart("Backlog and deadline slack; relay outages (orange) and broker restart (blue) shaded", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1400, 800);
    }

    private static XYPlot panel(TimeSeries series, String label, Color colour, Run run) {
        XYStepRenderer renderer = new XYStepRenderer();
        renderer.setSeriesPaint(0, colour);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot panel = new XYPlot(new TimeSeriesCollection(series), null, new NumberAxis(label), renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (Outage outage : run.plan().outages()) {
            IntervalMarker marker = new IntervalMarker(outage.from().toEpochMilli(), outage.until().toEpochMilli(),
                    outage.target() == DeadlineSimulation.Target.RELAY ? new Color(255, 160, 0, 90) : new Color(120, 120, 255, 90));
            marker.setLabel(outage.name());
            panel.addDomainMarker(marker, Layer.BACKGROUND);
        }
        return panel;
    }

    private static String csv(List<String> cells) {
        return cells.stream().map(cell -> cell.contains(",") ? "\"" + cell + "\"" : cell).collect(Collectors.joining(","));
    }
}
