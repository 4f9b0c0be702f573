package dev.chat.node.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.node.hub.Delivery;
import dev.chat.contract.LuaScript;
import dev.chat.contract.MessageFrames;

/**
 * A room's messages in Redis: accepting one (id, history, publish in one script) and reading a
 * range of the history back to fill a gap ({@link RoomEntrance} reads it for joins).
 */
public final class MessageStore {

    /** What became of a send. */
    public record SendResult(Outcome outcome, long id, String frame) {
    }

    public enum Outcome {
        ACCEPTED, DUPLICATE, NO_SUCH_ROOM, BAD_ATTACHMENT
    }

    private static final LuaScript SEND = LuaScript.send();

    private final Redis redis;
    private final RedisKeys keys;
    private final int historyMaxLen;
    private final long historyMaxBytes;

    public MessageStore(Redis redis, RedisKeys keys, int historyMaxLen, long historyMaxBytes) {
        this.redis = redis;
        this.keys = keys;
        this.historyMaxLen = historyMaxLen;
        this.historyMaxBytes = historyMaxBytes;
    }

    public CompletionStage<SendResult> send(RoomMeta room, MessageFrames.Parts parts, String clientId,
            List<String> attachmentIds, String nodeId, long now) {
        String id = room.id();
        List<String> scriptKeys = new java.util.ArrayList<>(
                List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id), keys.historyBytes(id)));
        attachmentIds.forEach(attachment -> scriptKeys.add(keys.attachment(id, attachment)));
        return SEND.run(redis, scriptKeys,
                List.of(keys.channel(id), nodeId, parts.head(), parts.tail(), clientId == null ? "" : clientId,
                        Long.toString(room.clearSchedule().nextClearAt(now)), Integer.toString(historyMaxLen),
                        Long.toString(now), Long.toString(historyMaxBytes)))
                .map(MessageStore::sendResult).toCompletionStage();
    }

    private static SendResult sendResult(Response response) {
        return switch (response.get(0).toString()) {
            case "ok" -> new SendResult(Outcome.ACCEPTED, response.get(1).toLong(), null);
            case "duplicate" -> new SendResult(Outcome.DUPLICATE, response.get(1).toLong(), response.get(2).toString());
            case "bad_attachment" -> new SendResult(Outcome.BAD_ATTACHMENT, 0, null);
            default -> new SendResult(Outcome.NO_SUCH_ROOM, 0, null);
        };
    }

    /** Messages with ids in {@code (after, before)}; {@code before} may be {@link Long#MAX_VALUE}. */
    public CompletionStage<List<Delivery>> range(String roomId, long after, long before) {
        String end = before == Long.MAX_VALUE ? "+" : "(" + before + "-0";
        return redis.send(Request.cmd(Command.XRANGE).arg(keys.history(roomId)).arg("(" + after + "-0").arg(end)
                .arg("COUNT").arg(historyMaxLen))
                .map(Responses::entries).toCompletionStage();
    }
}
