package dev.chat.bench.load;

import java.util.BitSet;

/**
 * One receiver's record of what it got from each sender of its room: every sequence number seen
 * once, so a second copy is a duplicate and a number below the highest seen is out of order.
 * A resume replays history the client may already hold; that replay is told apart from a real
 * duplicate by the caller ({@code replay}), since the protocol allows it there.
 */
public final class Receipts {

    public enum Outcome {
        NEW, NEW_OUT_OF_ORDER, DUPLICATE, SEEN_IN_REPLAY
    }

    private final BitSet[] seen;
    private final long[] highest;

    /** @param senders how many senders the room has (slots {@code 0..senders-1}) */
    public Receipts(int senders) {
        seen = new BitSet[senders];
        highest = new long[senders];
        java.util.Arrays.fill(highest, -1);
    }

    public Outcome record(int slot, long seq, boolean replay) {
        if (slot < 0 || slot >= seen.length || seq < 0 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sender slot " + slot + " seq " + seq);
        }
        BitSet bits = seen[slot];
        if (bits == null) {
            bits = seen[slot] = new BitSet();
        }
        if (bits.get((int) seq)) {
            return replay ? Outcome.SEEN_IN_REPLAY : Outcome.DUPLICATE;
        }
        bits.set((int) seq);
        if (seq < highest[slot]) {
            return Outcome.NEW_OUT_OF_ORDER;
        }
        highest[slot] = seq;
        return Outcome.NEW;
    }

    /** How many distinct messages of this sender slot were received. */
    public int count(int slot) {
        return seen[slot] == null ? 0 : seen[slot].cardinality();
    }

    /** The highest sequence number seen of this slot, -1 for none. */
    public long highest(int slot) {
        return highest[slot];
    }

    /** Up to {@code limit} ranges {@code [from, to]} of numbers {@code 0..upTo} not received. */
    public java.util.List<long[]> missing(int slot, long upTo, int limit) {
        java.util.List<long[]> ranges = new java.util.ArrayList<>();
        BitSet bits = seen[slot] == null ? new BitSet() : seen[slot];
        int from = bits.nextClearBit(0);
        while (from <= upTo && ranges.size() < limit) {
            int to = Math.min((int) upTo + 1, bits.nextSetBit(from) < 0 ? Integer.MAX_VALUE : bits.nextSetBit(from)) - 1;
            ranges.add(new long[] { from, to });
            from = bits.nextClearBit(to + 1);
        }
        return ranges;
    }
}
