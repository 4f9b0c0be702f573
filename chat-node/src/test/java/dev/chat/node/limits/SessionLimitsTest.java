package dev.chat.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void sendsBeyondTheRateSayHowLongToWait() {
        SessionLimits limits = new SessionLimits(2, 4, 100, 10 * SECOND, 0);
        assertEquals(0, limits.trySend(0));
        assertEquals(0, limits.trySend(0));
        assertEquals(250, limits.trySend(0));
        assertEquals(0, limits.trySend(SECOND / 4));
    }

    @Test
    void persistentErrorsButNotOccasionalOnesCloseTheConnection() {
        SessionLimits limits = new SessionLimits(1, 1, 3, 10 * SECOND, 0);
        for (int i = 0; i < 30; i++) {
            assertFalse(limits.recordError(i * 5 * SECOND), "one error every 5 s is a mistake, not abuse");
        }
        SessionLimits abused = new SessionLimits(1, 1, 3, 10 * SECOND, 0);
        assertFalse(abused.recordError(0));
        assertFalse(abused.recordError(1));
        assertFalse(abused.recordError(2));
        assertTrue(abused.recordError(3));
    }

    @Test
    void addressesAreCountedUpToTheLimit() {
        AddressCounter counter = new AddressCounter(2);
        assertTrue(counter.tryAcquire("a"));
        assertTrue(counter.tryAcquire("a"));
        assertFalse(counter.tryAcquire("a"));
        assertTrue(counter.tryAcquire("b"));
        counter.release("a");
        assertTrue(counter.tryAcquire("a"));
        assertEquals(2, counter.count("a"));
        counter.release("b");
        assertEquals(0, counter.count("b"));
    }
}
