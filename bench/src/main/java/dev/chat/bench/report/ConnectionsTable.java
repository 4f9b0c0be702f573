package dev.chat.bench.report;

import java.util.List;

/**
 * How connecting and sending went per scenario: join times, connect and send errors and the
 * generator's lag behind its send schedule. These explain odd figures in the main table (a high
 * send lag means the offered load was not really offered).
 */
final class ConnectionsTable {

    private ConnectionsTable() {
    }

    /** Empty when no scenario recorded connects or sends. */
    static String render(List<ScenarioResult> scenarios) {
        MarkdownTable table = new MarkdownTable("scenario", "join p50 ms", "join p99 ms", "join max ms",
                "connect failed", "connect errors", "sends sent/scheduled", "sends accepted", "send errors",
                "send lag p99 ms", "send lag max ms")
                .textColumn("connect errors").textColumn("send errors");
        for (ScenarioResult r : scenarios) {
            if (!r.has("connect") && !r.has("sends")) {
                continue;
            }
            table.row(MarkdownText.escape(r.name()),
                    NumberFormats.ms(r.number("connect", "joinMs", "p50")),
                    NumberFormats.ms(r.number("connect", "joinMs", "p99")),
                    NumberFormats.ms(r.number("connect", "joinMs", "max")),
                    NumberFormats.count(r.number("connect", "failed")),
                    MarkdownText.escape(ErrorCounts.describe(r.node("connect", "errors"))),
                    sentOfScheduled(r),
                    NumberFormats.count(r.number("sends", "accepted")),
                    MarkdownText.escape(ErrorCounts.describe(r.node("sends", "errors"))),
                    NumberFormats.ms(r.number("sends", "lagMs", "p99")),
                    NumberFormats.ms(r.number("sends", "lagMs", "max")));
        }
        return table.isEmpty() ? "" : table.render();
    }

    private static String sentOfScheduled(ScenarioResult r) {
        Double sent = r.number("sends", "sent");
        Double scheduled = r.number("sends", "scheduled");
        if (sent == null && scheduled == null) {
            return NumberFormats.MISSING;
        }
        return NumberFormats.count(sent) + "/" + NumberFormats.count(scheduled);
    }
}
