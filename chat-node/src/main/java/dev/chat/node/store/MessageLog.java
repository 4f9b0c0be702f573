package dev.chat.node.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.chat.contract.MessageFrames;
import dev.chat.contract.RoomMeta;
import dev.chat.contract.SendScript;
import dev.chat.node.hub.Delivery;

/**
 * A room's messages, cluster-wide: accepting one (the next id, the history and the publish on the
 * room's channel happen together), reading a range back to fill a gap, and entering the room,
 * which reads the history a joining or resuming client should see and makes the user present in
 * the same step. {@link MessageStore} is the Redis implementation (one script call each); unit
 * tests use one in memory.
 */
public interface MessageLog {

    /**
     * @param clientId      null when the sender gave none
     * @param attachmentIds ids already checked to belong to the room
     */
    CompletionStage<SendScript.Result> send(RoomMeta room, MessageFrames.Parts parts, String clientId,
            List<String> attachmentIds, String nodeId, long now);

    /** Messages with ids in {@code (after, before)}; {@code before} may be {@link Long#MAX_VALUE}. */
    CompletionStage<List<Delivery>> range(String roomId, long after, long before);

    /**
     * The room's expiry pushed back, the user present, and the history to show: the newest
     * messages, or with {@code since} the ones after it (see {@link RoomEntrance#enter}).
     * Completes with null when the room no longer exists (nothing written then).
     */
    CompletionStage<RoomEntrance.Entered> enter(RoomMeta meta, String userId, String userName, Long since,
            boolean withOlder, long now);
}
