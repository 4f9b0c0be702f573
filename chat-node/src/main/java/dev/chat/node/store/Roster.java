package dev.chat.node.store;

import java.util.concurrent.CompletionStage;

/**
 * The names of the users present in a room, kept beside the presence count. {@link RosterStore}
 * is the Redis implementation; unit tests use one in memory.
 */
public interface Roster {

    /** Up to {@code cap} of the room's users, and how many there are. */
    CompletionStage<RosterStore.Snapshot> read(String roomId, int cap);

    /** The user's new name, kept and announced if the user is present in the room. */
    CompletionStage<Void> rename(String roomId, String userId, String name);
}
