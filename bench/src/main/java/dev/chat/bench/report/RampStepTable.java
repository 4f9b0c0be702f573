package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ramp scenario step by step: where latency starts to climb and deliveries stop keeping up
 * with the offered load, which the single "last rate below" figure summarises.
 */
final class RampStepTable {

    private RampStepTable() {
    }

    /** Empty when the scenario has no ramp steps. */
    static String render(ScenarioResult r) {
        Double threshold = r.number("ramp", "thresholdMs");
        String withinHeader = "p99 within " + NumberFormats.ms(threshold) + " ms";
        MarkdownTable table = new MarkdownTable("rate/s per sender", "offered deliveries/s", "delivered/s",
                "p50 ms", "p99 ms", "lost", withinHeader).textColumn(withinHeader);
        for (JsonNode step : JsonFields.objects(r.node("ramp"), "steps")) {
            Double p99 = JsonFields.number(step, "p99");
            String within = threshold == null || p99 == null ? NumberFormats.MISSING : p99 <= threshold ? "yes" : "no";
            table.row(NumberFormats.rate(JsonFields.number(step, "rate")),
                    NumberFormats.rate(JsonFields.number(step, "offeredDeliveriesPerSecond")),
                    NumberFormats.rate(JsonFields.number(step, "deliveriesPerSecond")),
                    NumberFormats.ms(JsonFields.number(step, "p50")),
                    NumberFormats.ms(p99),
                    NumberFormats.count(JsonFields.number(step, "lost")),
                    within);
        }
        return table.isEmpty() ? "" : table.render();
    }
}
