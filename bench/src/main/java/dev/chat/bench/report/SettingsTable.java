package dev.chat.bench.report;

import java.util.List;

/**
 * What load each scenario applied (its "options"), so the figures of the main table can be read
 * against the load that produced them.
 */
final class SettingsTable {

    private SettingsTable() {
    }

    /** Empty when no scenario recorded its options. */
    static String render(List<ScenarioResult> scenarios) {
        MarkdownTable table = new MarkdownTable("scenario", "conns", "rooms", "senders", "rate/s per sender",
                "message size B", "warmup s", "duration s", "connect rate/s", "generator workers");
        for (ScenarioResult r : scenarios) {
            if (!r.has("options")) {
                continue;
            }
            table.row(MarkdownText.escape(r.name()),
                    NumberFormats.count(r.number("options", "conns")),
                    NumberFormats.count(r.number("options", "rooms")),
                    NumberFormats.count(r.number("options", "senders")),
                    NumberFormats.rate(r.number("options", "rate")),
                    NumberFormats.count(r.number("options", "size")),
                    NumberFormats.seconds(r.number("options", "warmupSeconds")),
                    NumberFormats.seconds(r.number("options", "durationSeconds")),
                    NumberFormats.rate(r.number("options", "connectRate")),
                    NumberFormats.count(r.number("options", "workers")));
        }
        return table.isEmpty() ? "" : table.render();
    }
}
