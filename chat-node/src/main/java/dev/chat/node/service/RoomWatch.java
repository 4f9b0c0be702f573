package dev.chat.node.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.chat.contract.RoomMeta;
import dev.chat.node.hub.Hub;
import dev.chat.node.protocol.ServerFrames;
import dev.chat.node.store.Rooms;

/**
 * Watches the rooms this node has members in: tells members when their room's history is cleared
 * (Redis expiry has already wiped it; this is only the notice) and notices rooms that expired.
 * Every node does this for its own members, so no single node or timer has to survive.
 */
final class RoomWatch {

    private static final Logger LOG = Logger.getLogger(RoomWatch.class);

    private static final class Watched {
        volatile RoomMeta meta;
        volatile long nextClearAt;

        Watched(RoomMeta meta, long nextClearAt) {
            this.meta = meta;
            this.nextClearAt = nextClearAt;
        }
    }

    private final Hub hub;
    private final Rooms rooms;
    private final Consumer<String> onExpired;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private volatile boolean checking;

    RoomWatch(Hub hub, Rooms rooms, Consumer<String> onExpired) {
        this.hub = hub;
        this.rooms = rooms;
        this.onExpired = onExpired;
    }

    void hold(RoomMeta meta, long now) {
        watched.compute(meta.id(), (id, current) -> {
            if (current == null || current.meta.createdAt() != meta.createdAt()
                    || current.meta.clearIntervalSeconds() != meta.clearIntervalSeconds()) {
                return new Watched(meta, meta.clearSchedule().nextClearAt(now));
            }
            current.meta = meta;
            return current;
        });
    }

    RoomMeta meta(String roomId) {
        Watched w = watched.get(roomId);
        return w == null ? null : w.meta;
    }

    void forget(String roomId) {
        watched.remove(roomId);
    }

    void tick(long now) {
        List<String> expiring = new ArrayList<>();
        for (Map.Entry<String, Watched> entry : watched.entrySet()) {
            String roomId = entry.getKey();
            Watched w = entry.getValue();
            if (!hub.hasMembers(roomId)) {
                watched.remove(roomId, w);
                continue;
            }
            if (now >= w.nextClearAt) {
                w.nextClearAt = w.meta.clearSchedule().nextClearAt(now);
                hub.broadcast(roomId, ServerFrames.cleared(roomId, w.nextClearAt));
            }
            if (w.meta.expirySeconds() != null) {
                expiring.add(roomId);
            }
        }
        if (!expiring.isEmpty() && !checking) {
            checking = true;
            rooms.existing(expiring).whenComplete((present, failure) -> {
                checking = false;
                if (failure != null) {
                    LOG.debugf("room expiry check failed: %s", failure.getMessage());
                    return;
                }
                for (String roomId : expiring) {
                    if (!present.contains(roomId)) {
                        onExpired.accept(roomId);
                    }
                }
            });
        }
    }
}
