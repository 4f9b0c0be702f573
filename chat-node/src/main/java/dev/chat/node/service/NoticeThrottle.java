package dev.chat.node.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.chat.node.limits.TokenBucket;

/** Join/leave notices per room from this node: a burst, then a trickle, then silence. */
final class NoticeThrottle {

    private final int burst;
    private final double perSecond;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    NoticeThrottle(int burst, double perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    boolean allow(String room, long nowNanos) {
        TokenBucket bucket = buckets.computeIfAbsent(room, r -> new TokenBucket(burst, perSecond, nowNanos));
        synchronized (bucket) {
            return bucket.tryTake(nowNanos);
        }
    }

    void forget(String room) {
        buckets.remove(room);
    }
}
