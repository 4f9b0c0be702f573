package dev.chat.node.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.chat.contract.RoomMeta;

/**
 * The rooms that exist and their settings, as the registry created them. {@link RoomDirectory}
 * is the Redis implementation; unit tests use one in memory.
 */
public interface Rooms {

    /** Completes with null when the room does not exist (General is re-created when missing). */
    CompletionStage<RoomMeta> find(String roomId);

    /** Creates General when it is missing (a Redis restart without persistence). */
    CompletionStage<Void> ensureGeneral();

    /** Which of these rooms still exist. */
    CompletionStage<Set<String>> existing(List<String> roomIds);
}
