package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios must appear at the same place in every report, whatever order the files are listed in. */
class ScenarioOrderTest {

    @Test
    void knownScenariosFirstThenOthersAlphabetically() {
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : List.of("zeta", "storm", "c3000", "alpha", "idle", "c300", "bigroom", "ramp", "c1000")) {
            results.add(new ScenarioResult(name, JsonNodeFactory.instance.objectNode()));
        }
        results.sort(ScenarioOrder.COMPARATOR);
        assertEquals(List.of("c300", "c1000", "c3000", "ramp", "idle", "storm", "bigroom", "alpha", "zeta"),
                results.stream().map(ScenarioResult::name).toList());
    }
}
