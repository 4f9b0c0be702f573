package dev.chat.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JoinGateTest {

    @Test
    void admitsUpToTheBoundAndAgainOnceOneIsOver() {
        JoinGate gate = new JoinGate(2, 500);
        assertTrue(gate.tryEnter());
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter());
        assertEquals(2, gate.inProgress());
        gate.exit();
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter());
    }

    @Test
    void theWaitIsSpreadBetweenOnceAndTwiceTheSetting() {
        JoinGate gate = new JoinGate(1, 500);
        long min = Long.MAX_VALUE, max = 0;
        for (int i = 0; i < 2_000; i++) {
            long wait = gate.retryAfterMillis();
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertTrue(min >= 500 && max <= 1000, min + ".." + max);
        assertTrue(max - min > 250, "jitter spreads the refused: " + min + ".." + max);
    }

    @Test
    void aGateOfZeroRefusesEveryJoin() {
        assertFalse(new JoinGate(0, 1).tryEnter());
    }
}
