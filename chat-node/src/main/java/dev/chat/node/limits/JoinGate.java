package dev.chat.node.limits;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins in progress on this node, bounded. A reconnect storm brings thousands of joins at once;
 * past the bound a join is refused at once with a time to come back ({@code busy}), spread with
 * jitter so that the refused do not return together, instead of queueing until Redis calls time
 * out and a healthy Redis gets reported as unavailable.
 */
public final class JoinGate {

    private final AtomicInteger inProgress = new AtomicInteger();
    private final int max;
    private final long retryAfterMillis;

    public JoinGate(int max, long retryAfterMillis) {
        this.max = max;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** Counts a join in, unless {@code max} are already in progress. */
    public boolean tryEnter() {
        while (true) {
            int now = inProgress.get();
            if (now >= max) {
                return false;
            }
            if (inProgress.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A join counted in by {@link #tryEnter} is over, whatever its outcome. */
    public void exit() {
        inProgress.decrementAndGet();
    }

    public int inProgress() {
        return inProgress.get();
    }

    /** When a refused join should come back: the configured wait, plus up to as much again. */
    public long retryAfterMillis() {
        return retryAfterMillis + ThreadLocalRandom.current().nextLong(retryAfterMillis + 1);
    }
}
