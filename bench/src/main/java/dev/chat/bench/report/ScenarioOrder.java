package dev.chat.bench.report;

import java.util.Comparator;
import java.util.List;

/**
 * The order scenarios appear in every table and chart: the load steps from small to large first,
 * then the special scenarios, then anything new alphabetically, so a reader finds a scenario at
 * the same place in every run.
 */
final class ScenarioOrder {

    static final List<String> KNOWN = List.of("c300", "c1000", "c3000", "ramp", "idle", "storm", "bigroom");

    static final Comparator<ScenarioResult> COMPARATOR = Comparator
            .comparingInt((ScenarioResult r) -> rank(r.name()))
            .thenComparing(ScenarioResult::name);

    private ScenarioOrder() {
    }

    private static int rank(String name) {
        int index = KNOWN.indexOf(name);
        return index < 0 ? KNOWN.size() : index;
    }
}
