package dev.chat.node.ops;

/**
 * Messages received and delivered per time step over the last few minutes, for the operations
 * view's rate chart: a ring of {@code steps} slots of {@code stepMillis}, aligned on the clock (slot
 * {@code t / stepMillis}) so that the slots of different nodes add up. Fed with running totals; a
 * total that goes back (a restart) counts from zero again.
 */
public final class RateHistory {

    private final long stepMillis;
    private final int steps;
    // one slot more than reported: the current, incomplete one
    private final long[] received;
    private final long[] delivered;
    private long lastSlot = -1;
    private long lastReceived = -1;
    private long lastDelivered = -1;

    public RateHistory(long stepMillis, int steps) {
        if (stepMillis <= 0 || steps <= 0) {
            throw new IllegalArgumentException("step and steps must be positive");
        }
        this.stepMillis = stepMillis;
        this.steps = steps;
        this.received = new long[steps + 1];
        this.delivered = new long[steps + 1];
    }

    /** What happened since the last call is counted in the slot of {@code now}. */
    public synchronized void record(long now, long receivedTotal, long deliveredTotal) {
        long slot = now / stepMillis;
        advanceTo(slot);
        if (lastReceived >= 0) {
            received[index(slot)] += receivedTotal >= lastReceived ? receivedTotal - lastReceived : receivedTotal;
            delivered[index(slot)] += deliveredTotal >= lastDelivered ? deliveredTotal - lastDelivered : deliveredTotal;
        }
        lastReceived = receivedTotal;
        lastDelivered = deliveredTotal;
    }

    /** Empties the slots between the last one written and {@code slot}. */
    private void advanceTo(long slot) {
        if (lastSlot >= 0 && slot > lastSlot) {
            for (long s = lastSlot + 1; s <= Math.min(slot, lastSlot + received.length); s++) {
                received[index(s)] = 0;
                delivered[index(s)] = 0;
            }
        }
        if (slot > lastSlot) {
            lastSlot = slot;
        }
    }

    private int index(long slot) {
        return (int) (slot % received.length);
    }

    /**
     * The complete slots before the one of {@code now}, oldest first, as per-second rates.
     * Slots before this node started, or too old, are 0.
     */
    public synchronized Window window(long now) {
        long current = now / stepMillis;
        advanceTo(current);
        double[] in = new double[steps];
        double[] out = new double[steps];
        double perSecond = 1000.0 / stepMillis;
        for (int i = 0; i < steps; i++) {
            long slot = current - steps + i;
            if (slot >= 0) {
                in[i] = received[index(slot)] * perSecond;
                out[i] = delivered[index(slot)] * perSecond;
            }
        }
        return new Window(current * stepMillis, stepMillis, in, out);
    }

    /**
     * @param endAt      when the last slot ended (epoch ms)
     * @param received   messages received per second in each slot, oldest first
     * @param delivered  deliveries per second in each slot, oldest first
     */
    public record Window(long endAt, long stepMillis, double[] received, double[] delivered) {
    }
}
