package dev.chat.node.store;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Who is in which room, cluster-wide, with expiry: each node adds and removes only its own users
 * and keeps them alive with one heartbeat per room (whatever their number); a node that stops
 * beating lapses with all its users, so the users of a node that dies disappear without anyone
 * removing them one by one. {@link PresenceStore} is the Redis implementation; unit tests use one
 * in memory.
 */
public interface RoomPresence {

    /** Users (id → display name) entering, or back after their entry was lost: added. */
    CompletionStage<Void> add(String roomId, Map<String, String> names, long now);

    /**
     * Heartbeat: this node's entry of the room pushed back, at a cost that does not grow with its
     * users. Completes with true when the entry was missing (it lapsed and another node pruned
     * it, or Redis lost it): the node's users of the room must then be {@link #add added} again.
     */
    CompletionStage<Boolean> heartbeat(String roomId, long now);

    CompletionStage<Void> remove(String roomId, String userId);

    /** Users present in the room now, on every node. */
    CompletionStage<Long> count(String roomId, long now);
}
