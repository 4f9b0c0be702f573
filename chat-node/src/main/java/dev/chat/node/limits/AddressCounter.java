package dev.chat.node.limits;

import java.util.concurrent.ConcurrentHashMap;

/** Open connections per client address on this node, to cap what one address may hold. */
public final class AddressCounter {

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final int max;

    public AddressCounter(int max) {
        this.max = max;
    }

    /** Counts a connection in, unless the address already holds the maximum. */
    public boolean tryAcquire(String address) {
        boolean[] admitted = new boolean[1];
        counts.compute(address, (a, n) -> {
            int current = n == null ? 0 : n;
            admitted[0] = current < max;
            return admitted[0] ? current + 1 : (current == 0 ? null : current);
        });
        return admitted[0];
    }

    public void release(String address) {
        counts.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    public int count(String address) {
        return counts.getOrDefault(address, 0);
    }
}
