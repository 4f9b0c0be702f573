package dev.chat.node.store;

import java.util.Collections;
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
 * A room's messages in Redis: accepting one (id, history, publish in one script) and reading the
 * history back for newcomers, for clients that resume with {@code since}, and for gaps.
 */
public final class MessageStore {

    /** What became of a send. */
    public record SendResult(Outcome outcome, long id, String frame) {
    }

    public enum Outcome {
        ACCEPTED, DUPLICATE, NO_SUCH_ROOM, BAD_ATTACHMENT
    }

    /** History up to and including message {@code seq}, oldest first. */
    public record Snapshot(long seq, List<Delivery> messages, boolean recovered) {
    }

    private static final LuaScript SEND = LuaScript.resource("send.lua");
    private static final LuaScript HISTORY = LuaScript.resource("history.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final int historySize;
    private final int historyMaxLen;

    public MessageStore(Redis redis, RedisKeys keys, int historySize, int historyMaxLen) {
        this.redis = redis;
        this.keys = keys;
        this.historySize = historySize;
        this.historyMaxLen = historyMaxLen;
    }

    public CompletionStage<SendResult> send(RoomMeta room, MessageFrames.Parts parts, String clientId,
            List<String> attachmentIds, String nodeId, long now) {
        String id = room.id();
        List<String> scriptKeys = new java.util.ArrayList<>(
                List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id)));
        attachmentIds.forEach(attachment -> scriptKeys.add(keys.attachment(id, attachment)));
        return SEND.run(redis, scriptKeys,
                List.of(keys.channel(id), nodeId, parts.head(), parts.tail(), clientId == null ? "" : clientId,
                        Long.toString(room.clearSchedule().nextClearAt(now)), Integer.toString(historyMaxLen),
                        Long.toString(now)))
                .map(MessageStore::sendResult).toCompletionStage();
    }

    private static SendResult sendResult(Response response) {
        return switch (response.get(0).toString()) {
            case "ok" -> new SendResult(Outcome.ACCEPTED, response.get(1).toLong(), response.get(2).toString());
            case "duplicate" -> new SendResult(Outcome.DUPLICATE, response.get(1).toLong(), response.get(2).toString());
            case "bad_attachment" -> new SendResult(Outcome.BAD_ATTACHMENT, 0, null);
            default -> new SendResult(Outcome.NO_SUCH_ROOM, 0, null);
        };
    }

    /**
     * @param since the last id the client saw, or null for the newest messages
     * @param withOlder false for rooms that hide messages from before a user joined
     */
    public CompletionStage<Snapshot> snapshot(String roomId, Long since, boolean withOlder) {
        return HISTORY.run(redis, List.of(keys.seq(roomId), keys.history(roomId)),
                List.of(since == null ? "" : since.toString(), Integer.toString(withOlder ? historySize : 0),
                        Integer.toString(historyMaxLen)))
                .map(response -> {
                    long seq = response.get(0).toLong();
                    List<Delivery> messages = Responses.entries(response.get(1));
                    if (since == null) {
                        Collections.reverse(messages);
                    }
                    return new Snapshot(seq, messages, response.get(2).toInteger() == 1);
                }).toCompletionStage();
    }

    /** Messages with ids in {@code (after, before)}; {@code before} may be {@link Long#MAX_VALUE}. */
    public CompletionStage<List<Delivery>> range(String roomId, long after, long before) {
        String end = before == Long.MAX_VALUE ? "+" : "(" + before + "-0";
        return redis.send(Request.cmd(Command.XRANGE).arg(keys.history(roomId)).arg("(" + after + "-0").arg(end)
                .arg("COUNT").arg(historyMaxLen))
                .map(Responses::entries).toCompletionStage();
    }
}
