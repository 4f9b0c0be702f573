package dev.chat.contract;

/**
 * A room's history is wiped on boundaries {@code createdAt + k * interval}. Both services compute
 * the same boundaries from the room's meta, and Redis expiry does the wiping, so no single node or
 * timer has to survive for a clear to happen.
 */
public record ClearSchedule(long createdAt, long intervalMillis) {

    public ClearSchedule {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be positive");
        }
    }

    /** The first boundary strictly after {@code now}. */
    public long nextClearAt(long now) {
        if (now < createdAt) {
            return createdAt + intervalMillis;
        }
        long periods = (now - createdAt) / intervalMillis;
        return createdAt + (periods + 1) * intervalMillis;
    }
}
