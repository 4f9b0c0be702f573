package dev.chat.node.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateHistoryTest {

    private final RateHistory history = new RateHistory(10_000, 3);

    @Test
    void countsLandInTheSlotOfTheirTimeAsPerSecondRates() {
        history.record(100_000, 0, 0);
        history.record(105_000, 50, 150); // slot 10
        history.record(112_000, 80, 240); // slot 11
        history.record(119_000, 100, 300); // slot 11
        RateHistory.Window w = history.window(125_000); // slot 12 is still running
        assertEquals(120_000, w.endAt());
        assertEquals(10_000, w.stepMillis());
        assertArrayEquals(new double[] { 0, 5, 5 }, w.received(), 1e-9);
        assertArrayEquals(new double[] { 0, 15, 15 }, w.delivered(), 1e-9);
    }

    @Test
    void slotsWithoutBeatsAreEmptyAndOldOnesAreForgotten() {
        history.record(100_000, 0, 0);
        history.record(101_000, 10, 10); // slot 10
        history.record(131_000, 20, 20); // slot 13; 11 and 12 had nothing
        assertArrayEquals(new double[] { 1, 0, 0 }, history.window(135_000).received(), 1e-9);
        assertArrayEquals(new double[] { 0, 0, 1 }, history.window(141_000).received(), 1e-9, "10 is out of the window");
        assertArrayEquals(new double[] { 0, 0, 0 }, history.window(500_000).received(), 1e-9);
    }

    @Test
    void aTotalThatGoesBackCountsFromZero() {
        history.record(100_000, 500, 500);
        history.record(101_000, 30, 60);
        assertArrayEquals(new double[] { 0, 0, 3 }, history.window(110_000).received(), 1e-9);
        assertArrayEquals(new double[] { 0, 0, 6 }, history.window(110_000).delivered(), 1e-9);
    }

    @Test
    void nonsenseSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateHistory(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new RateHistory(1000, 0));
    }
}
