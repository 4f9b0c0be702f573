package dev.chat.node.store;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Who is in which room, cluster-wide, with expiry: each node adds, refreshes and removes only its
 * own users, and an entry that is not refreshed lapses by itself, so the users of a node that dies
 * disappear without anyone removing them. {@link PresenceStore} is the Redis implementation; unit
 * tests use one in memory.
 */
public interface RoomPresence {

    /** Users (id → display name) entering, or back after Redis lost them: added, or refreshed. */
    CompletionStage<Void> add(String roomId, Map<String, String> names, long now);

    /** Heartbeat: refreshes only entries that still exist, so a refresh racing a leave cannot revive one. */
    CompletionStage<Void> refresh(String roomId, Collection<String> userIds, long now);

    CompletionStage<Void> remove(String roomId, String userId);

    /** Users present in the room now, on every node. */
    CompletionStage<Long> count(String roomId, long now);
}
