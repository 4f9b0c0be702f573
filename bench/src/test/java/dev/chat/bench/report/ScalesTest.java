package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart axes: decades on the log scale, round tick steps on the linear one. */
class ScalesTest {

    @Test
    void logScaleSpansWholeDecades() {
        LogScale scale = LogScale.covering(2.0, 900.0, 400, 100);
        assertEquals(List.of(1.0, 10.0, 100.0, 1000.0), scale.decades());
        assertEquals(400, scale.y(1), 1e-9);
        assertEquals(100, scale.y(1000), 1e-9);
        assertEquals(300, scale.y(10), 1e-9);
        // zero cannot be drawn on a log axis: it sits on the baseline
        assertEquals(400, scale.y(0), 1e-9);
    }

    @Test
    void aMinimumOnADecadeStillGetsAVisibleBar() {
        LogScale scale = LogScale.covering(1.0, 80.0, 400, 100);
        assertEquals(List.of(0.1, 1.0, 10.0, 100.0), scale.decades().stream().map(d -> Math.round(d * 10) / 10.0).toList());
        assertTrue(scale.y(1.0) < 400);
    }

    @Test
    void logScaleWithoutDataStillHasAnAxis() {
        assertEquals(List.of(1.0, 10.0, 100.0, 1000.0), LogScale.covering(Double.POSITIVE_INFINITY, 0, 400, 100).decades());
    }

    @Test
    void linearScaleEndsOnARoundNumber() {
        LinearScale scale = LinearScale.covering(15000, 300, 100);
        assertEquals(List.of(0.0, 5000.0, 10000.0, 15000.0), scale.ticks());
        assertEquals(100, scale.y(15000), 1e-9);
        LinearScale odd = LinearScale.covering(17.3, 300, 100);
        assertEquals(5.0, odd.step(), 1e-9);
        assertEquals(20.0, odd.ticks().get(odd.ticks().size() - 1), 1e-9);
    }
}
