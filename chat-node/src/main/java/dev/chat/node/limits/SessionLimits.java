package dev.chat.node.limits;

import java.util.ArrayDeque;

import dev.chat.node.config.NodeConfig;

/**
 * One connection's allowances: send, join and rename rates (token buckets), a bound on the frames
 * it may have waiting, and a count of recent errors, so an ordinary mistake gets an error frame
 * while persistent abuse gets the connection closed. Joins and renames are limited as sends are
 * because each costs Redis calls, which a script could otherwise pipeline for free.
 */
public final class SessionLimits {

    private final TokenBucket sends;
    private final TokenBucket joins;
    private final TokenBucket nicks;
    private final FrameBacklog backlog;
    private final int maxErrors;
    private final long errorWindowNanos;
    private final ArrayDeque<Long> errors = new ArrayDeque<>();

    /** Sends and errors only: joins, renames and waiting frames unbounded. */
    public SessionLimits(int sendBurst, double sendPerSecond, int maxErrors, long errorWindowNanos, long nowNanos) {
        this(new TokenBucket(sendBurst, sendPerSecond, nowNanos), null, null, null, maxErrors, errorWindowNanos);
    }

    private SessionLimits(TokenBucket sends, TokenBucket joins, TokenBucket nicks, FrameBacklog backlog,
            int maxErrors, long errorWindowNanos) {
        this.sends = sends;
        this.joins = joins;
        this.nicks = nicks;
        this.backlog = backlog;
        this.maxErrors = maxErrors;
        this.errorWindowNanos = errorWindowNanos;
    }

    /** Every allowance of {@code chat.limits.*}. */
    public static SessionLimits of(NodeConfig.Limits limits, long nowNanos) {
        return new SessionLimits(new TokenBucket(limits.sendBurst(), limits.sendPerSecond(), nowNanos),
                new TokenBucket(limits.joinBurst(), limits.joinPerSecond(), nowNanos),
                new TokenBucket(limits.nickBurst(), limits.nickPerSecond(), nowNanos),
                new FrameBacklog(limits.maxQueuedFrames()), limits.maxErrors(), limits.errorWindow().toNanos());
    }

    /** @return 0 when the send may go, otherwise milliseconds to wait */
    public synchronized long trySend(long nowNanos) {
        return take(sends, nowNanos);
    }

    /** @return 0 when the join may go, otherwise milliseconds to wait */
    public synchronized long tryJoin(long nowNanos) {
        return take(joins, nowNanos);
    }

    /** @return 0 when the rename may go, otherwise milliseconds to wait */
    public synchronized long tryNick(long nowNanos) {
        return take(nicks, nowNanos);
    }

    /** The connection's frames not handled yet; null when unbounded. */
    public FrameBacklog backlog() {
        return backlog;
    }

    private static long take(TokenBucket bucket, long nowNanos) {
        if (bucket == null || bucket.tryTake(nowNanos)) {
            return 0;
        }
        return Math.max(1, bucket.millisUntilNext(nowNanos));
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
