package dev.chat.node.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PingRoundsTest {

    @Test
    void aRoundHandsOutEveryConnectionExactlyOnceSpreadOverItsTicks() {
        PingRounds<Object, String> rounds = new PingRounds<>(120);
        for (int i = 0; i < 12_000; i++) {
            rounds.put(new Object(), "ctx" + i);
        }
        Map<Object, Integer> seen = new HashMap<>();
        List<List<Object>> firstRound = new ArrayList<>();
        int largestTick = 0;
        for (int tick = 0; tick < 120; tick++) {
            Map<Object, String> slice = rounds.next();
            largestTick = Math.max(largestTick, slice.size());
            slice.keySet().forEach(c -> seen.merge(c, 1, Integer::sum));
            firstRound.add(List.copyOf(slice.keySet()));
        }
        assertEquals(12_000, seen.size(), "every connection came up in the round");
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "and only once");
        // 100 per tick on average; identity hashes are random, so about ±10 (a whole loop at once: 12 000)
        assertTrue(largestTick < 170, "the largest tick pinged " + largestTick);
        // the next round pings each connection in the same turn as the first: a whole interval apart
        for (int tick = 0; tick < 120; tick++) {
            assertEquals(firstRound.get(tick), List.copyOf(rounds.next().keySet()), "tick " + tick);
        }
    }

    @Test
    void aClosedConnectionIsNoLongerHandedOut() {
        PingRounds<Object, String> rounds = new PingRounds<>(4);
        Object stays = new Object(), goes = new Object();
        rounds.put(stays, "a");
        rounds.put(goes, "b");
        rounds.remove(goes);
        List<Object> handedOut = new ArrayList<>();
        for (int tick = 0; tick < 4; tick++) {
            handedOut.addAll(rounds.next().keySet());
        }
        assertEquals(List.of(stays), handedOut);
        assertEquals(1, rounds.size());
    }

    @Test
    void slicesFollowTheIntervalWithinBounds() {
        assertEquals(120, PingRounds.slicesFor(30_000, 250));
        assertEquals(1, PingRounds.slicesFor(100, 250), "an interval shorter than a tick: one slice");
        assertEquals(10_000, PingRounds.slicesFor(Long.MAX_VALUE, 1));
        assertThrows(IllegalArgumentException.class, () -> new PingRounds<>(0));
    }
}
