package dev.chat.node.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.chat.node.limits.TokenBucket;

/**
 * Join/leave notices per room from this node: a burst, then a trickle, then silence; and none in
 * a room of more than {@code maxRoomUsers}, where they are noise to people and each costs a frame
 * to every member (a reconnect storm of a 1 000-user room made more notice frames than messages).
 */
final class NoticeThrottle {

    private final int burst;
    private final double perSecond;
    private final long maxRoomUsers;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    NoticeThrottle(int burst, double perSecond, long maxRoomUsers) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.maxRoomUsers = maxRoomUsers;
    }

    /** @param users the room's users as last counted (0 when not counted yet) */
    boolean allow(String room, long users, long nowNanos) {
        if (users > maxRoomUsers) {
            return false;
        }
        TokenBucket bucket = buckets.computeIfAbsent(room, r -> new TokenBucket(burst, perSecond, nowNanos));
        synchronized (bucket) {
            return bucket.tryTake(nowNanos);
        }
    }

    void forget(String room) {
        buckets.remove(room);
    }
}
