package dev.chat.contract;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * The one caller of {@code send.lua}, the only way any message is accepted, by a chat node for its
 * members or by the registry for bots: it gives the message the room's next id, appends it to the
 * history, remembers its client id for the clear period and publishes it on the room's channel
 * (envelope {@code M}), all in one script, so both services send exactly the same keys and
 * arguments and read the same reply.
 */
public final class SendScript {

    /** What became of a send. */
    public enum Outcome {
        ACCEPTED, DUPLICATE, NO_SUCH_ROOM, BAD_ATTACHMENT
    }

    /**
     * @param id    the message's id (accepted), or the id it already had (duplicate); else 0
     * @param frame the frame accepted earlier with the same client id (duplicate); else null
     */
    public record Result(Outcome outcome, long id, String frame) {
    }

    private static final LuaScript SEND = LuaScript.send();

    private final Redis redis;
    private final RedisKeys keys;
    private final int historyMaxLen;
    private final long historyMaxBytes;

    public SendScript(Redis redis, RedisKeys keys, int historyMaxLen, long historyMaxBytes) {
        this.redis = redis;
        this.keys = keys;
        this.historyMaxLen = historyMaxLen;
        this.historyMaxBytes = historyMaxBytes;
    }

    /**
     * @param clientId      null when the sender gave none
     * @param attachmentIds ids already checked to belong to the room
     * @param sender        the node id the envelope is signed with
     */
    public Future<Result> send(RoomMeta room, MessageFrames.Parts parts, String clientId, List<String> attachmentIds,
            String sender, long now) {
        String id = room.id();
        List<String> scriptKeys = new ArrayList<>(
                List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id), keys.historyBytes(id)));
        attachmentIds.forEach(attachment -> scriptKeys.add(keys.attachment(id, attachment)));
        return SEND.run(redis, scriptKeys,
                List.of(keys.channel(id), sender, parts.head(), parts.tail(), clientId == null ? "" : clientId,
                        Long.toString(room.clearSchedule().nextClearAt(now)), Integer.toString(historyMaxLen),
                        Long.toString(now), Long.toString(historyMaxBytes)))
                .map(SendScript::result);
    }

    private static Result result(Response reply) {
        return switch (reply.get(0).toString()) {
            case "ok" -> new Result(Outcome.ACCEPTED, reply.get(1).toLong(), null);
            case "duplicate" -> new Result(Outcome.DUPLICATE, reply.get(1).toLong(), reply.get(2).toString());
            case "bad_attachment" -> new Result(Outcome.BAD_ATTACHMENT, 0, null);
            case "no_such_room" -> new Result(Outcome.NO_SUCH_ROOM, 0, null);
            default -> throw new IllegalStateException("send.lua said " + reply);
        };
    }
}
