package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The idle scenario per chat node: how many connections each held and what one connection
 * costs in memory there; an uneven spread or one heavy node shows up here, not in the averages.
 * "Heap, second half": live heap from a probe taken while about half the connections were open
 * to the end, so without what a node pays once (see the bench's MidwayProbe).
 */
final class IdleNodeTable {

    private IdleNodeTable() {
    }

    /** Empty when the scenario has no per-node idle figures. */
    static String render(ScenarioResult r) {
        MarkdownTable table = new MarkdownTable("node", "connections", "RSS B/conn", "heap B/conn",
                "heap B/conn, second half", "CPU %");
        for (JsonNode node : JsonFields.objects(r.node("idle"), "perNode")) {
            table.row(MarkdownText.escape(JsonFields.text(node, "name")),
                    NumberFormats.count(JsonFields.number(node, "connections")),
                    NumberFormats.count(JsonFields.number(node, "rssBytesPerConn")),
                    NumberFormats.count(JsonFields.number(node, "heapBytesPerConn")),
                    NumberFormats.count(JsonFields.number(node, "heapBytesPerConnSecondHalf")),
                    NumberFormats.oneDecimal(JsonFields.number(node, "cpuPercent")));
        }
        return table.isEmpty() ? "" : table.render();
    }
}
