package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * efficiency.svg: two panels per scenario. Top, deliveries per CPU-second of the chat nodes and
 * Redis, the figure that says whether a change made the server cheaper; bottom, where the CPU
 * went (chat nodes, Redis, nginx, registry, generator) as stacked bars, so a saturated generator
 * or a busy gateway is seen at once. The before run, when given, is drawn hatched beside.
 */
final class EfficiencyChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 700;

    /** A slice of the CPU stack: its label, colour and how to read it from a result. */
    private record Slice(String label, String color, java.util.function.Function<ScenarioResult, Double> cpu) {
    }

    private static final List<Slice> SLICES = List.of(
            new Slice("chat nodes", "#4e79a7", r -> r.cpuPercentOfKind(ProcessKinds.CHAT_NODE)),
            new Slice("Redis", "#e15759", r -> r.cpuPercentOfKind(ProcessKinds.REDIS)),
            new Slice("nginx", "#59a14f", r -> r.cpuPercentOfKind(ProcessKinds.NGINX)),
            new Slice("registry", "#b07aa1", r -> r.cpuPercentOfKind(ProcessKinds.REGISTRY)),
            new Slice("other", "#bab0ac", r -> r.cpuPercentOfOtherKinds(ProcessKinds.ALL)),
            new Slice("generator", "#f28e2b", r -> r.number("generator", "cpuPercent")));

    private static final String EFFICIENCY_COLOR = "#4e79a7";
    private static final String NEUTRAL = "#888888";

    private EfficiencyChart() {
    }

    /** {@code before} by scenario name; empty when there is no before run. */
    static String render(List<ScenarioResult> after, Map<String, ScenarioResult> before) {
        boolean withBefore = after.stream().anyMatch(r -> before.containsKey(r.name()));
        List<String> names = after.stream().map(ScenarioResult::name).toList();
        Svg svg = new Svg(WIDTH, HEIGHT, "Efficiency per scenario");

        svg.text(20, 24, "Deliveries per CPU-second (chat nodes + Redis)", "start", 15, true);
        if (withBefore) {
            ChartParts.legend(svg, 20, 48, List.of(new ChartParts.LegendEntry("after", NEUTRAL, false),
                    new ChartParts.LegendEntry("before (hatched)", NEUTRAL, true)));
        }
        ChartParts.Plot top = new ChartParts.Plot(90, WIDTH - 20, 70, 290);
        efficiencyPanel(svg, top, after, before, withBefore);
        ChartParts.scenarioLabels(svg, top, names);

        svg.text(20, 364, "CPU by process kind (100 % = one core busy)", "start", 15, true);
        List<ChartParts.LegendEntry> legend = new ArrayList<>();
        for (Slice slice : SLICES) {
            // a legend entry for a kind no scenario reported would only raise questions
            if (after.stream().anyMatch(r -> slice.cpu().apply(r) != null)) {
                legend.add(new ChartParts.LegendEntry(slice.label(), slice.color(), false));
            }
        }
        if (withBefore) {
            legend.add(new ChartParts.LegendEntry("before (hatched)", NEUTRAL, true));
        }
        ChartParts.legend(svg, 20, 388, legend);
        ChartParts.Plot bottom = new ChartParts.Plot(90, WIDTH - 20, 410, HEIGHT - 70);
        cpuPanel(svg, bottom, after, before, withBefore);
        ChartParts.scenarioLabels(svg, bottom, names);

        if (after.isEmpty()) {
            svg.text(WIDTH / 2.0, 180, "no scenario results", "middle", 14, false);
        }
        return svg.finish();
    }

    private static void efficiencyPanel(Svg svg, ChartParts.Plot plot, List<ScenarioResult> after,
            Map<String, ScenarioResult> before, boolean withBefore) {
        double max = 0;
        for (ScenarioResult r : after) {
            max = Math.max(max, orZero(efficiency(r)));
            max = Math.max(max, orZero(efficiency(before.get(r.name()))));
        }
        LinearScale scale = LinearScale.covering(max, plot.bottom(), plot.top());
        ChartParts.yAxis(svg, plot, scale.ticks(), scale::y, v -> NumberFormats.tick(v, scale.step()),
                "deliveries / CPU-s");
        double width = barWidth(plot, after.size(), withBefore);
        for (int g = 0; g < after.size(); g++) {
            ScenarioResult r = after.get(g);
            double x = plot.groupCenter(g, after.size()) - width * (withBefore ? 1 : 0.5);
            if (withBefore) {
                ScenarioResult old = before.get(r.name());
                Double value = efficiency(old);
                if (value != null) {
                    double y = scale.y(value);
                    svg.hatchedRect(x, y, width * 0.95, plot.bottom() - y, EFFICIENCY_COLOR,
                            r.name() + " before: " + NumberFormats.rate(value) + " deliveries per CPU-second");
                }
                x += width;
            }
            Double value = efficiency(r);
            if (value == null) {
                svg.text(x + width / 2, plot.bottom() - 4, NumberFormats.MISSING, "middle", 11, false);
                continue;
            }
            double y = scale.y(value);
            svg.rect(x, y, width * 0.95, plot.bottom() - y, EFFICIENCY_COLOR,
                    r.name() + (withBefore ? " after" : "") + ": " + NumberFormats.rate(value) + " deliveries per CPU-second");
            svg.text(x + width / 2, y - 4, NumberFormats.rate(value), "middle", 10, false);
        }
    }

    private static void cpuPanel(Svg svg, ChartParts.Plot plot, List<ScenarioResult> after,
            Map<String, ScenarioResult> before, boolean withBefore) {
        double max = 0;
        for (ScenarioResult r : after) {
            max = Math.max(max, totalCpu(r));
            max = Math.max(max, totalCpu(before.get(r.name())));
        }
        LinearScale scale = LinearScale.covering(max, plot.bottom(), plot.top());
        ChartParts.yAxis(svg, plot, scale.ticks(), scale::y, v -> NumberFormats.tick(v, scale.step()), "CPU %");
        double width = barWidth(plot, after.size(), withBefore);
        for (int g = 0; g < after.size(); g++) {
            ScenarioResult r = after.get(g);
            double x = plot.groupCenter(g, after.size()) - width * (withBefore ? 1 : 0.5);
            if (withBefore) {
                stack(svg, scale, x, width, before.get(r.name()), r.name() + " before", true);
                x += width;
            }
            stack(svg, scale, x, width, r, r.name() + (withBefore ? " after" : ""), false);
        }
    }

    private static void stack(Svg svg, LinearScale scale, double x, double width, ScenarioResult r, String label,
            boolean hatched) {
        if (r == null) {
            return;
        }
        double base = 0;
        for (Slice slice : SLICES) {
            Double cpu = slice.cpu().apply(r);
            if (cpu == null || cpu <= 0) {
                continue;
            }
            double yTop = scale.y(base + cpu);
            double yBottom = scale.y(base);
            String tooltip = label + " " + slice.label() + ": " + NumberFormats.oneDecimal(cpu) + " % CPU";
            if (hatched) {
                svg.hatchedRect(x, yTop, width * 0.95, yBottom - yTop, slice.color(), tooltip);
            } else {
                svg.rect(x, yTop, width * 0.95, yBottom - yTop, slice.color(), tooltip);
            }
            base += cpu;
        }
        if (!hatched && base > 0) {
            svg.text(x + width / 2, scale.y(base) - 4, NumberFormats.oneDecimal(base) + " %", "middle", 10, false);
        }
    }

    private static double barWidth(ChartParts.Plot plot, int groups, boolean withBefore) {
        return Math.min(60, plot.groupWidth(groups) * 0.7 / (withBefore ? 2 : 1));
    }

    private static Double efficiency(ScenarioResult r) {
        return r == null ? null : r.number("deliveriesPerCpuSecond", "nodesAndRedis");
    }

    private static double totalCpu(ScenarioResult r) {
        if (r == null) {
            return 0;
        }
        double total = 0;
        for (Slice slice : SLICES) {
            total += Math.max(0, orZero(slice.cpu().apply(r)));
        }
        return total;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
