package dev.chat.node.limits;

import java.util.ArrayDeque;

/**
 * One connection's allowances: a send rate (token bucket) and a count of recent errors, so an
 * ordinary mistake gets an error frame while persistent abuse gets the connection closed.
 */
public final class SessionLimits {

    private final TokenBucket sends;
    private final int maxErrors;
    private final long errorWindowNanos;
    private final ArrayDeque<Long> errors = new ArrayDeque<>();

    public SessionLimits(int sendBurst, double sendPerSecond, int maxErrors, long errorWindowNanos, long nowNanos) {
        this.sends = new TokenBucket(sendBurst, sendPerSecond, nowNanos);
        this.maxErrors = maxErrors;
        this.errorWindowNanos = errorWindowNanos;
    }

    /** @return 0 when the send may go, otherwise milliseconds to wait */
    public synchronized long trySend(long nowNanos) {
        return sends.tryTake(nowNanos) ? 0 : Math.max(1, sends.millisUntilNext(nowNanos));
    }

    /** @return true when this error makes too many within the window: close the connection */
    public synchronized boolean recordError(long nowNanos) {
        errors.addLast(nowNanos);
        while (!errors.isEmpty() && nowNanos - errors.peekFirst() > errorWindowNanos) {
            errors.removeFirst();
        }
        return errors.size() > maxErrors;
    }
}
