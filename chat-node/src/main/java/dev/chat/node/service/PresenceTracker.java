package dev.chat.node.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Vertx;

import dev.chat.contract.Envelope;
import dev.chat.node.broker.Broker;
import dev.chat.node.hub.Hub;
import dev.chat.node.protocol.ServerFrames;
import dev.chat.node.store.RoomPresence;

/**
 * Keeps this node's users present in Redis (a heartbeat per room, whatever its users; added again
 * when their entry was lost) and its members told the room's cluster-wide count: a change anywhere
 * is announced on the room's channel, and every node recounts at most once per interval per room,
 * however many changes arrive.
 */
final class PresenceTracker {

    private final Vertx vertx;
    private final String nodeId;
    private final Hub hub;
    private final Broker broker;
    private final RoomPresence presence;
    private final long minIntervalMillis;
    private final Set<String> recountScheduled = ConcurrentHashMap.newKeySet();
    private final Set<String> announceScheduled = ConcurrentHashMap.newKeySet();
    /**
     * Rooms whose last heartbeat found a number of users in Redis other than this node's, with
     * the room's count of local joins and leaves at that heartbeat.
     */
    private final java.util.Map<String, Long> drifts = new ConcurrentHashMap<>();
    /** Local joins and leaves per room that reached Redis (each is announced). */
    private final java.util.Map<String, Long> changes = new ConcurrentHashMap<>();
    private final java.util.Map<String, Long> counts = new ConcurrentHashMap<>();
    static final long ANNOUNCE_WINDOW_MS = 100;
    private final java.util.function.ObjLongConsumer<String> onCount;

    /** @param onCount told each count read (room, users) */
    PresenceTracker(Vertx vertx, String nodeId, Hub hub, Broker broker, RoomPresence presence,
            long minIntervalMillis, java.util.function.ObjLongConsumer<String> onCount) {
        this.onCount = onCount;
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.hub = hub;
        this.broker = broker;
        this.presence = presence;
        this.minIntervalMillis = minIntervalMillis;
    }

    /**
     * Tells every node, within {@link #ANNOUNCE_WINDOW_MS}, that the room's count changed: the
     * joins and leaves of a burst (a reconnect storm brings hundreds per room per second) make one
     * announcement, not one each; every node recounts at most once per interval anyway.
     */
    void announce(String room) {
        changes.merge(room, 1L, Long::sum);
        if (announceScheduled.add(room)) {
            vertx.setTimer(ANNOUNCE_WINDOW_MS, id -> {
                announceScheduled.remove(room);
                broker.publish(room, new Envelope(Envelope.PRESENCE, 0, nodeId, "")).exceptionally(failure -> null);
            });
        }
    }

    void scheduleRecount(String room) {
        if (recountScheduled.add(room)) {
            vertx.setTimer(minIntervalMillis, id -> {
                recountScheduled.remove(room);
                recount(room);
            });
        }
    }

    /**
     * One write per room this node has users in, whatever their number. A room whose entry was
     * missing (this node was cut off from Redis longer than the TTL and another node pruned its
     * users, or Redis lost them) has its users added again, and so does one whose users in Redis
     * differ in number from this node's on two heartbeats running: a join or leave in flight
     * explains one, not a second (a leave that overtook its own join would otherwise leave its
     * user in Redis as long as this node beats).
     */
    void heartbeat(long now) {
        for (String room : hub.roomIds()) {
            presence.heartbeat(room, now)
                    .thenAccept(beat -> {
                        if (beat.lost() || drifted(room, beat.users())) {
                            restore(room, now);
                        }
                        scheduleRecount(room);
                    })
                    .exceptionally(failure -> null);
        }
    }

    /**
     * Whether the room's users in Redis differ from this node's on two heartbeats running with no
     * join or leave of this node reaching Redis in between: joins in flight explain a difference
     * (a room filling up has some at every heartbeat), so they must not make a sync of the whole
     * room every other heartbeat.
     */
    private boolean drifted(String room, long held) {
        if (held == hub.userCount(room)) {
            drifts.remove(room);
            return false;
        }
        long changed = changes.getOrDefault(room, 0L);
        Long before = drifts.put(room, changed);
        if (before == null || before != changed) {
            return false;
        }
        drifts.remove(room);
        return true;
    }

    /** After Redis came back (perhaps empty): every local user is added again, not just kept alive. */
    void restore(long now) {
        for (String room : hub.roomIds()) {
            restore(room, now);
        }
    }

    /**
     * The node's users of the room in Redis made exactly its own again (their entry was lost, or
     * drifted); the count is then announced. Costs the room's local users: not for every heartbeat.
     */
    void restore(String room, long now) {
        presence.sync(room, hub.userNames(room), now)
                .thenRun(() -> announce(room))
                .exceptionally(failure -> null);
    }

    /** The room's cluster-wide count of users as last read here; 0 when not read yet. */
    long users(String room) {
        return counts.getOrDefault(room, 0L);
    }

    private void recount(String room) {
        if (!hub.hasMembers(room)) {
            counts.remove(room);
            drifts.remove(room);
            changes.remove(room);
            return;
        }
        presence.count(room, System.currentTimeMillis()).thenAccept(users -> {
            counts.put(room, users);
            onCount.accept(room, users);
            if (hub.usersChanged(room, users)) {
                hub.broadcast(room, ServerFrames.presence(room, users));
            }
        });
    }
}
