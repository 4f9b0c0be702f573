package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The ramp's note says when its figure is only where the ramp ended. */
class ScenarioNotesTest {

    private static String rampNote(String reached) throws Exception {
        String json = """
                {"scenario":"ramp","ramp":{"thresholdMs":100,"lastRateBelow":58.2,
                 "lastDeliveriesPerSecondBelow":52380,%s"steps":[]}}""".formatted(reached);
        return ScenarioNotes.of(ScenarioResult.of("ramp.json", new ObjectMapper().readTree(json)));
    }

    @Test
    void aRampThatPassedItsThresholdGivesTheLastRateBelowIt() throws Exception {
        assertEquals("last rate below 100 ms: 58.2/s per sender (52,380 deliveries/s)",
                rampNote("\"reachedThreshold\":true,"));
    }

    @Test
    void aRampThatNeverPassedItSaysTheFigureIsItsLastStep() throws Exception {
        assertEquals("last rate below 100 ms: 58.2/s per sender (52,380 deliveries/s), the ramp's last step: "
                + "p99 never passed 100 ms", rampNote("\"reachedThreshold\":false,"));
    }
}
