package dev.chat.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theCeilingDoublesUpToTheCap() {
        Backoff backoff = new Backoff(500, 15_000, () -> 0.5);
        assertEquals(500, backoff.ceiling(0));
        assertEquals(1_000, backoff.ceiling(1));
        assertEquals(8_000, backoff.ceiling(4));
        assertEquals(15_000, backoff.ceiling(5));
        assertEquals(15_000, backoff.ceiling(1_000));
    }

    @Test
    void delaysAreAJitteredShareOfTheCeilingAndResetStartsOver() {
        Backoff backoff = new Backoff(500, 15_000, () -> 0.5);
        assertEquals(250, backoff.next());
        assertEquals(500, backoff.next());
        assertEquals(1_000, backoff.next());
        assertEquals(3, backoff.attempt());
        backoff.reset();
        assertEquals(250, backoff.next());
        assertEquals(0, new Backoff(500, 15_000, () -> 0.0).next());
        assertEquals(499, new Backoff(500, 15_000, () -> 0.999).next());
    }

    @Test
    void aDrainingNodeIsLeftAtOnceOncePerWelcome() {
        Backoff backoff = new Backoff(500, 15_000, () -> 1.0);
        assertEquals(0, ChatConnection.retryDelay(ChatConnection.SERVICE_RESTART, false, backoff));
        assertEquals(0, backoff.attempt(), "no backoff spent");
        assertEquals(500, ChatConnection.retryDelay(ChatConnection.SERVICE_RESTART, true, backoff));
        assertEquals(1_000, ChatConnection.retryDelay(1008, false, backoff));
        assertEquals(2_000, ChatConnection.retryDelay(-1, false, backoff));
    }

    @Test
    void settingsMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, Math::random));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 10, Math::random));
    }
}
