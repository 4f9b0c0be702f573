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

    /**
     * What a heartbeat found in Redis.
     *
     * @param lost  this node's entry of the room was missing (it lapsed and another node pruned it,
     *              or Redis lost it): the node's users of the room must be {@link #sync synced} again
     * @param users how many users Redis holds for this node in the room, to compare with its own
     */
    record Beat(boolean lost, long users) {
    }

    /**
     * This node's users of the room made exactly these (all of its users there): added again after
     * its entry was lost, and any it holds beyond them taken out. Costs the node's users of the
     * room, so it is for a lost entry or a drift, not for every heartbeat.
     */
    CompletionStage<Void> sync(String roomId, Map<String, String> names, long now);

    /** This node's entry of the room pushed back, at a cost that does not grow with its users. */
    CompletionStage<Beat> heartbeat(String roomId, long now);

    /** The user out of the room under this node; lapsed entries found meanwhile are pruned as of {@code now}. */
    CompletionStage<Void> remove(String roomId, String userId, long now);

    /** Users present in the room now, on every node. */
    CompletionStage<Long> count(String roomId, long now);
}
