package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ServerFiguresTest {

    // {rss bytes, live heap bytes, sessions}
    private static final long[] AFTER = { 400_000_000, 90_000_000, 6_000 };

    @Test
    void theSecondHalfCountsOnlyWhatTheNodeGainedAfterTheMidwayProbe() {
        long[] mid = { 370_000_000, 66_000_000, 3_000 };
        assertEquals(10_000, ServerFigures.marginal(mid, AFTER, 0));
        assertEquals(8_000, ServerFigures.marginal(mid, AFTER, 1));
    }

    @Test
    void aProbeTooEarlyTooLateOrMissingGivesNoFigure() {
        assertNull(ServerFigures.marginal(new long[] { 300_000_000, 40_000_000, 500 }, AFTER, 0), "too early");
        assertNull(ServerFigures.marginal(new long[] { 399_000_000, 89_000_000, 5_500 }, AFTER, 0), "too late");
        assertNull(ServerFigures.marginal(null, AFTER, 0));
        assertNull(ServerFigures.marginal(new long[] { 370_000_000, -1, 3_000 }, AFTER, 1), "no heap figure");
        assertNull(ServerFigures.marginal(new long[] { 370_000_000, 66_000_000, -1 }, AFTER, 0), "no session count");
    }
}
