package dev.chat.bench.report;

/**
 * The reconnect storm in one row: how many clients came back, how fast, and what the rejoin
 * times looked like, beyond the "all back in X s" note of the main table; of a rejoin, how much
 * was the new socket's upgrade (until {@code welcome}) and so how much the join itself.
 */
final class StormTable {

    private StormTable() {
    }

    /** Empty when the scenario is not a storm. */
    static String render(ScenarioResult r) {
        if (!r.has("storm")) {
            return "";
        }
        return new MarkdownTable("clients", "rejoined", "s to all joined", "rejoin p50 ms", "rejoin p99 ms",
                "rejoin max ms", "of which upgrade p50 ms", "upgrade max ms", "errors")
                .textColumn("errors")
                .row(NumberFormats.count(r.number("storm", "clients")),
                        NumberFormats.count(r.number("storm", "rejoined")),
                        NumberFormats.seconds(r.number("storm", "secondsToAllJoined")),
                        NumberFormats.ms(r.number("storm", "rejoinMs", "p50")),
                        NumberFormats.ms(r.number("storm", "rejoinMs", "p99")),
                        NumberFormats.ms(r.number("storm", "rejoinMs", "max")),
                        // the transport's part (TCP, upgrade through the gateway, welcome); absent
                        // from results older than the figure
                        NumberFormats.ms(r.number("storm", "rewelcomeMs", "p50")),
                        NumberFormats.ms(r.number("storm", "rewelcomeMs", "max")),
                        MarkdownText.escape(ErrorCounts.describe(r.node("storm", "errors"))))
                .render();
    }
}
