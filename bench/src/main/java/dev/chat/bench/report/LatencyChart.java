package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * latency.svg: grouped bars of the p50, p90, p99 and p99.9 delivery latency per scenario on a
 * log scale, with the before run's bars hatched beside the after run's when there is one, so a
 * regression in the tail is visible without reading the tables.
 */
final class LatencyChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 460;

    private static final String[] KEYS = {"p50", "p90", "p99", "p999"};
    private static final String[] LABELS = {"p50", "p90", "p99", "p99.9"};
    private static final String[] COLORS = {"#4e79a7", "#59a14f", "#f28e2b", "#e15759"};
    private static final String NEUTRAL = "#888888";

    private LatencyChart() {
    }

    /** {@code before} by scenario name; empty when there is no before run. */
    static String render(List<ScenarioResult> after, Map<String, ScenarioResult> before) {
        List<ScenarioResult> shown = new ArrayList<>();
        List<ScenarioResult> without = new ArrayList<>();
        for (ScenarioResult r : after) {
            (hasLatency(r) ? shown : without).add(r);
        }
        boolean withBefore = shown.stream().anyMatch(r -> hasLatency(before.get(r.name())));

        Svg svg = new Svg(WIDTH, HEIGHT, "Delivery latency per scenario");
        svg.text(20, 24, "Delivery latency per scenario (ms, log scale)", "start", 15, true);
        List<ChartParts.LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < KEYS.length; i++) {
            legend.add(new ChartParts.LegendEntry(LABELS[i], COLORS[i], false));
        }
        if (withBefore) {
            legend.add(new ChartParts.LegendEntry("after", NEUTRAL, false));
            legend.add(new ChartParts.LegendEntry("before (hatched)", NEUTRAL, true));
        }
        ChartParts.legend(svg, 20, 48, legend);

        ChartParts.Plot plot = new ChartParts.Plot(80, WIDTH - 20, 70, HEIGHT - 90);
        LogScale scale = scaleFor(shown, before, plot);
        ChartParts.minorGrid(svg, plot, scale.minorTicks(), scale::y);
        ChartParts.yAxis(svg, plot, scale.decades(), scale::y, v -> NumberFormats.tick(v, v), "latency (ms)");

        if (shown.isEmpty()) {
            svg.text((plot.left() + plot.right()) / 2, (plot.top() + plot.bottom()) / 2,
                    "no latency measured in these results", "middle", 14, false);
        }
        int series = withBefore ? 2 : 1;
        double slot = Math.min(24, plot.groupWidth(shown.size()) * 0.8 / (KEYS.length * series));
        for (int g = 0; g < shown.size(); g++) {
            ScenarioResult r = shown.get(g);
            ScenarioResult old = before.get(r.name());
            double start = plot.groupCenter(g, shown.size()) - slot * KEYS.length * series / 2;
            for (int i = 0; i < KEYS.length; i++) {
                double x = start + i * series * slot;
                if (withBefore) {
                    bar(svg, scale, plot, x, slot, old, "before", i, true);
                    x += slot;
                }
                bar(svg, scale, plot, x, slot, r, withBefore ? "after" : null, i, false);
            }
        }
        ChartParts.scenarioLabels(svg, plot, shown.stream().map(ScenarioResult::name).toList());
        if (!without.isEmpty()) {
            svg.text(20, HEIGHT - 12, "No latency measured: "
                    + String.join(", ", without.stream().map(ScenarioResult::name).toList()), "start", 11, false);
        }
        return svg.finish();
    }

    private static void bar(Svg svg, LogScale scale, ChartParts.Plot plot, double x, double slot, ScenarioResult r,
            String run, int key, boolean hatched) {
        Double value = r == null ? null : r.number("latencyMs", KEYS[key]);
        if (value == null) {
            return;
        }
        double y = scale.y(value);
        double width = slot * 0.9;
        String tooltip = r.name() + (run == null ? "" : " " + run) + " " + LABELS[key] + ": "
                + NumberFormats.ms(value) + " ms";
        if (hatched) {
            svg.hatchedRect(x, y, width, plot.bottom() - y, COLORS[key], tooltip);
        } else {
            svg.rect(x, y, width, plot.bottom() - y, COLORS[key], tooltip);
            // figures on the bars only when they fit; the tables have them all
            if (slot >= 22) {
                svg.text(x + width / 2, y - 3, NumberFormats.ms(value), "middle", 9, false);
            }
        }
    }

    private static boolean hasLatency(ScenarioResult r) {
        if (r == null) {
            return false;
        }
        for (String key : KEYS) {
            if (r.number("latencyMs", key) != null) {
                return true;
            }
        }
        return false;
    }

    private static LogScale scaleFor(List<ScenarioResult> shown, Map<String, ScenarioResult> before,
            ChartParts.Plot plot) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (ScenarioResult r : shown) {
            for (ScenarioResult run : new ScenarioResult[] {r, before.get(r.name())}) {
                for (String key : KEYS) {
                    Double value = run == null ? null : run.number("latencyMs", key);
                    if (value != null && value > 0) {
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
            }
        }
        return LogScale.covering(min, max, plot.bottom(), plot.top());
    }
}
