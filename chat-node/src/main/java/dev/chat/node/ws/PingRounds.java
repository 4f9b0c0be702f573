package dev.chat.node.ws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event loop's connections, in slices that take turns: each tick hands out the next slice, so
 * that in a round of {@code slices} ticks every connection comes up exactly once. Pinging a whole
 * loop at once sent thousands of frames in one go (a node with 1 667 members of one room: 1 667
 * pings, then 1 667 pongs back through the gateway), and every delivery due meanwhile queued
 * behind them; in slices a round costs the same, spread evenly over its interval. A connection's
 * slice comes from its identity hash: nothing more is kept per connection. Not thread-safe: used
 * on its loop only.
 */
final class PingRounds<K, V> {

    private final List<Map<K, V>> slices;
    private int next;

    PingRounds(int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1: " + slices);
        }
        this.slices = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            this.slices.add(new HashMap<>());
        }
    }

    /** Slices for a round of {@code intervalMillis} with a tick of about {@code tickMillis}. */
    static int slicesFor(long intervalMillis, long tickMillis) {
        return (int) Math.max(1, Math.min(10_000, intervalMillis / Math.max(1, tickMillis)));
    }

    void put(K key, V value) {
        sliceOf(key).put(key, value);
    }

    void remove(K key) {
        sliceOf(key).remove(key);
    }

    /** The slice whose turn it is; the next call gives the one after it. */
    Map<K, V> next() {
        Map<K, V> slice = slices.get(next);
        next = (next + 1) % slices.size();
        return slice;
    }

    int size() {
        int size = 0;
        for (Map<K, V> slice : slices) {
            size += slice.size();
        }
        return size;
    }

    private Map<K, V> sliceOf(K key) {
        return slices.get(Math.floorMod(System.identityHashCode(key), slices.size()));
    }
}
