package dev.chat.node.broker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's book of rooms: each subscribed (or being subscribed) room's future, the master it is
 * subscribed on, and the rooms whose subscription was lost and that must catch up from history
 * once subscribed again. Not thread-safe: the broker holds its lock around every call.
 */
final class RoomSubscriptions {

    private final Map<String, CompletableFuture<Void>> futures = new HashMap<>();
    private final Map<String, String> endpoints = new HashMap<>();
    private final Set<String> missed = new HashSet<>();

    CompletableFuture<Void> get(String room) {
        return futures.get(room);
    }

    void put(String room, CompletableFuture<Void> subscribed) {
        futures.put(room, subscribed);
    }

    /** Whether this future is still the room's current subscription (not given up meanwhile). */
    boolean current(String room, CompletableFuture<Void> subscribed) {
        return futures.get(room) == subscribed;
    }

    /**
     * A future that is no longer the room's subscription, which someone may still wait on (a join):
     * it completes as the room's current subscription does, or fails when there is none.
     */
    void settleFromCurrent(String room, CompletableFuture<Void> orphan) {
        CompletableFuture<Void> now = futures.get(room);
        if (now == null) {
            orphan.completeExceptionally(new IllegalStateException("the room's subscription was given up"));
        } else {
            now.whenComplete((ok, failure) -> {
                if (failure == null) {
                    orphan.complete(null);
                } else {
                    orphan.completeExceptionally(failure);
                }
            });
        }
    }

    void on(String room, String endpoint) {
        endpoints.put(room, endpoint);
    }

    String endpointOf(String room) {
        return endpoints.get(room);
    }

    /** The room no longer wanted: forgotten, nothing to catch up; answers the endpoint it was on. */
    String remove(String room) {
        futures.remove(room);
        missed.remove(room);
        return endpoints.remove(room);
    }

    /** A subscription that failed: forgotten, as if never asked for. */
    void failed(String room, CompletableFuture<Void> subscribed) {
        if (futures.get(room) == subscribed) {
            futures.remove(room);
            endpoints.remove(room);
        }
    }

    /** Redis dropped the room's subscription (its master went, or its slot moved): to subscribe again and catch up. */
    CompletableFuture<Void> lost(String room) {
        endpoints.remove(room);
        missed.add(room);
        return futures.remove(room);
    }

    /** Every room subscribed on this endpoint, {@link #lost} now; their futures fail. */
    void lostOn(String endpoint) {
        List<String> rooms = endpoints.entrySet().stream().filter(e -> e.getValue().equals(endpoint))
                .map(Map.Entry::getKey).toList();
        for (String room : rooms) {
            CompletableFuture<Void> f = lost(room);
            if (f != null) {
                f.completeExceptionally(new IllegalStateException("Redis connection lost"));
            }
        }
    }

    /** True once for a room that was lost and is subscribed again: it must catch up. */
    boolean caughtUp(String room) {
        return missed.remove(room);
    }

    void clear() {
        futures.clear();
        endpoints.clear();
        missed.clear();
    }
}
