package dev.chat.node.limits;

/**
 * Bytes a node may send per second for something that fans out to every member of a room (the
 * rosters): what was sent is always charged, even past the budget (the balance goes into debt),
 * and the next optional send waits until the debt is paid back. So one frame to 6 000 members is
 * never split or refused, it just makes the next one wait. Time is passed in; thread-safe.
 */
public final class ByteBudget {

    private final double perNano;
    private final double burst;
    private double balance;
    private long last;

    /** @param perSecond bytes per second on average; up to one second of it can be spent at once */
    public ByteBudget(long perSecond, long nowNanos) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond > 0 required");
        }
        this.perNano = perSecond / 1e9;
        this.burst = perSecond;
        this.balance = burst;
        this.last = nowNanos;
    }

    public synchronized void spend(long bytes, long nowNanos) {
        refill(nowNanos);
        balance -= bytes;
    }

    /** Nanoseconds until the debt is paid back; 0 when something may be sent now. */
    public synchronized long nanosUntilAvailable(long nowNanos) {
        refill(nowNanos);
        return balance > 0 ? 0 : (long) Math.ceil((1 - balance) / perNano);
    }

    private void refill(long nowNanos) {
        if (nowNanos > last) {
            balance = Math.min(burst, balance + (nowNanos - last) * perNano);
            last = nowNanos;
        }
    }
}
