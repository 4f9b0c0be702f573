package dev.chat.node.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames one connection has sent that are not handled yet. A connection's frames are handled
 * one after another, so a client that pipelines thousands without reading the answers would
 * otherwise hold that many frames (up to 16 KiB each) in the node's memory, and have them all
 * handled, at the cost of everyone else, long after it was cut off; past the bound the connection
 * is closed (1008) and what is still waiting is dropped.
 */
public final class FrameBacklog {

    private final AtomicInteger waiting = new AtomicInteger();
    private final int max;
    private volatile boolean stopped;

    public FrameBacklog(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("chat.limits.max-queued-frames must be at least 1");
        }
        this.max = max;
    }

    /** Counts a frame in, unless {@code max} are already waiting (then nothing is counted). */
    public boolean tryAdd() {
        while (true) {
            int now = waiting.get();
            if (now >= max) {
                return false;
            }
            if (waiting.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A frame counted in by {@link #tryAdd} has been handled, whatever its outcome. */
    public void done() {
        waiting.decrementAndGet();
    }

    /**
     * The connection is closed (its bound exceeded, abuse, or gone): the frames still waiting are
     * dropped rather than handled, so a flood costs nothing after its close.
     */
    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    public int waiting() {
        return waiting.get();
    }
}
