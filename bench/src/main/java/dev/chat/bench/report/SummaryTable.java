package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The main results table: one row per scenario with the figures a reader compares first
 * (throughput, losses, latency, CPU). The before / after table reuses its columns so both read
 * the same way.
 */
final class SummaryTable {

    static final String NOTES = "notes";

    /** Headers after the scenario column. */
    static final List<String> FIGURE_HEADERS = List.of(
            "conns joined/attempted",
            "offered deliveries/s",
            "delivered/s",
            "lost",
            "dup",
            "reordered",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms",
            "nodes CPU %",
            "Redis CPU %",
            "nginx CPU %",
            "deliveries per CPU-s (nodes+Redis)",
            "generator CPU %",
            "generator loop lag p99 ms",
            NOTES);

    private SummaryTable() {
    }

    static String render(List<ScenarioResult> scenarios) {
        List<String> headers = new ArrayList<>();
        headers.add("scenario");
        headers.addAll(FIGURE_HEADERS);
        MarkdownTable table = new MarkdownTable(headers).textColumn(NOTES);
        for (ScenarioResult scenario : scenarios) {
            List<String> row = new ArrayList<>();
            row.add(MarkdownText.escape(scenario.name()));
            row.addAll(figures(scenario));
            table.row(row);
        }
        return table.render();
    }

    /** The cells of {@link #FIGURE_HEADERS} for one scenario. */
    static List<String> figures(ScenarioResult r) {
        return List.of(
                joinedOfAttempted(r),
                NumberFormats.rate(r.number("offeredDeliveriesPerSecond")),
                NumberFormats.rate(r.number("deliveries", "perSecond")),
                NumberFormats.count(r.number("deliveries", "lost")),
                NumberFormats.count(r.number("deliveries", "duplicated")),
                NumberFormats.count(r.number("deliveries", "reordered")),
                NumberFormats.ms(r.number("latencyMs", "p50")),
                NumberFormats.ms(r.number("latencyMs", "p99")),
                NumberFormats.ms(r.number("latencyMs", "p999")),
                NumberFormats.ms(r.number("latencyMs", "max")),
                NumberFormats.oneDecimal(r.cpuPercentOfKind(ProcessKinds.CHAT_NODE)),
                NumberFormats.oneDecimal(r.cpuPercentOfKind(ProcessKinds.REDIS)),
                NumberFormats.oneDecimal(r.cpuPercentOfKind(ProcessKinds.NGINX)),
                NumberFormats.rate(r.number("deliveriesPerCpuSecond", "nodesAndRedis")),
                NumberFormats.oneDecimal(r.number("generator", "cpuPercent")),
                NumberFormats.ms(r.number("generator", "loopLagMs", "p99")),
                MarkdownText.escape(ScenarioNotes.of(r)));
    }

    private static String joinedOfAttempted(ScenarioResult r) {
        Double joined = r.number("connect", "joined");
        Double attempted = r.number("connect", "attempted");
        if (joined == null && attempted == null) {
            return NumberFormats.MISSING;
        }
        return NumberFormats.count(joined) + "/" + NumberFormats.count(attempted);
    }
}
