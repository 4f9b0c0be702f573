package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlanTest {

    private static Plan plan(int conns, int rooms, int senders, int rampSteps) {
        List<String> ids = java.util.stream.IntStream.range(0, rooms).mapToObj(i -> "r" + i).toList();
        return new Plan("run", "ws://x/ws", conns, ids, senders, 10, 100, true, 1_000_000, 5_000_000, 100, 1000, false, 0, 0,
                rampSteps, 2.0, 1_000_000, 0);
    }

    @Test
    void sendersAreSpreadOverTheRooms() {
        Plan p = plan(300, 10, 25, 0);
        assertEquals(3, p.sendersIn(0), "senders 0, 10, 20");
        assertEquals(3, p.sendersIn(4), "senders 4, 14, 24");
        assertEquals(2, p.sendersIn(5), "senders 5, 15");
        int total = 0;
        for (int r = 0; r < 10; r++) {
            total += p.sendersIn(r);
        }
        assertEquals(25, total);
        assertEquals(2, p.slotOf(24));
        assertEquals(4, p.roomOf(24));
        assertTrue(p.isSender(24));
        assertFalse(p.isSender(25));
    }

    @Test
    void stormRehearsalsStartTwoSecondsIntoTheWarmUpAndFollowEveryTwentySeconds() {
        Plan p = plan(30, 1, 1, 0); // warm-up 1 s: the first is a quarter into it
        assertEquals(250_000, p.rehearsalAtMicros(0));
        assertEquals(20_250_000, p.rehearsalAtMicros(1));
        Plan longWarmUp = new Plan("run", "ws://x/ws", 30, List.of("r"), 1, 10, 100, true, 60_000_000, 5_000_000, 100,
                1000, true, 500, 3, 0, 2.0, 1_000_000, 0);
        assertEquals(2_000_000, longWarmUp.rehearsalAtMicros(0));
        assertEquals(42_000_000, longWarmUp.rehearsalAtMicros(2), "the third, 18 s before the measured storm");
    }

    @Test
    void aRoomWithoutSendersHasNone() {
        assertEquals(0, plan(30, 10, 3, 0).sendersIn(5));
        assertEquals(0, plan(30, 1, 0, 0).sendersIn(0));
    }

    @Test
    void aRampRaisesTheRateStepByStep() {
        Plan p = plan(10, 1, 1, 3);
        assertEquals(3_000_000, p.measuredMicros());
        assertEquals(10, p.rateAt(-5), "warm-up at the first rate");
        assertEquals(10, p.rateAt(500_000));
        assertEquals(20, p.rateAt(1_500_000));
        assertEquals(40, p.rateAt(2_999_999));
        assertEquals(2, p.stepAt(10_000_000), "after the last step: the last step");
        assertEquals(5_000_000, plan(10, 1, 1, 0).measuredMicros());
    }
}
