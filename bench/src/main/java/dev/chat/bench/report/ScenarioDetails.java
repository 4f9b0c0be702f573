package dev.chat.bench.report;

import java.util.List;

/**
 * The per-scenario section: processes, and the idle, ramp or storm specifics where the scenario
 * has them. Separate from the main table, which must stay one line per scenario.
 */
final class ScenarioDetails {

    private ScenarioDetails() {
    }

    static String render(List<ScenarioResult> scenarios) {
        StringBuilder out = new StringBuilder();
        for (ScenarioResult r : scenarios) {
            out.append("### ").append(MarkdownText.escape(r.name())).append("\n\n");
            String started = r.text("startedAt");
            if (started != null) {
                out.append("Started ").append(MarkdownText.escape(started)).append(".\n\n");
            }
            section(out, "Processes", ProcessTable.render(r));
            section(out, "Idle connections per chat node", IdleNodeTable.render(r));
            section(out, "Ramp steps (threshold " + NumberFormats.ms(r.number("ramp", "thresholdMs")) + " ms)",
                    RampStepTable.render(r));
            section(out, "Reconnect storm", StormTable.render(r));
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String table) {
        if (!table.isEmpty()) {
            out.append("**").append(title).append("**\n\n").append(table).append('\n');
        }
    }
}
