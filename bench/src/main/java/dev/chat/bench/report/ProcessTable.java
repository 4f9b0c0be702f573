package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One scenario's CPU and memory per process, the load generator included, so a reader can see
 * which process a CPU total in the main table came from.
 */
final class ProcessTable {

    private ProcessTable() {
    }

    /** Empty when the scenario sampled no process. */
    static String render(ScenarioResult r) {
        MarkdownTable table = new MarkdownTable("process", "kind", "CPU s", "CPU %", "RSS MiB").textColumn("kind");
        for (JsonNode process : r.processes()) {
            table.row(MarkdownText.escape(JsonFields.text(process, "name")),
                    MarkdownText.escape(JsonFields.text(process, "kind")),
                    NumberFormats.oneDecimal(JsonFields.number(process, "cpuSeconds")),
                    NumberFormats.oneDecimal(JsonFields.number(process, "cpuPercent")),
                    NumberFormats.oneDecimal(JsonFields.number(process, "rssMiB")));
        }
        if (r.has("generator")) {
            table.row("load generator", "generator",
                    NumberFormats.oneDecimal(r.number("generator", "cpuSeconds")),
                    NumberFormats.oneDecimal(r.number("generator", "cpuPercent")),
                    NumberFormats.oneDecimal(r.number("generator", "rssMiB")));
        }
        return table.isEmpty() ? "" : table.render();
    }
}
