package dev.chat.node.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.MessageFrames;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.contract.SendScript;
import dev.chat.node.hub.Delivery;

/**
 * The {@link MessageLog} in Redis: accepting a message is the contract's {@link SendScript}
 * ({@code send.lua}: id, history, publish in one script, shared with the registry), a gap is
 * filled by an XRANGE of the room's history stream, and entering is {@link RoomEntrance}
 * ({@code enter.lua}, history and presence in one round trip).
 */
public final class MessageStore implements MessageLog {

    private final Redis redis;
    private final RedisKeys keys;
    private final int historyMaxLen;
    private final SendScript sendScript;
    private final RoomEntrance entrance;

    public MessageStore(Redis redis, RedisKeys keys, int historyMaxLen, long historyMaxBytes, RoomEntrance entrance) {
        this.redis = redis;
        this.keys = keys;
        this.historyMaxLen = historyMaxLen;
        this.sendScript = new SendScript(redis, keys, historyMaxLen, historyMaxBytes);
        this.entrance = entrance;
    }

    @Override
    public CompletionStage<SendScript.Result> send(RoomMeta room, MessageFrames.Parts parts, String clientId,
            List<String> attachmentIds, String nodeId, long now) {
        return sendScript.send(room, parts, clientId, attachmentIds, nodeId, now).toCompletionStage();
    }

    @Override
    public CompletionStage<List<Delivery>> range(String roomId, long after, long before) {
        String end = before == Long.MAX_VALUE ? "+" : "(" + before + "-0";
        return redis.send(Request.cmd(Command.XRANGE).arg(keys.history(roomId)).arg("(" + after + "-0").arg(end)
                .arg("COUNT").arg(historyMaxLen))
                .map(Responses::entries).toCompletionStage();
    }

    @Override
    public CompletionStage<RoomEntrance.Entered> enter(RoomMeta meta, String userId, String userName, Long since,
            boolean withOlder, long now) {
        return entrance.enter(meta, userId, userName, since, withOlder, now);
    }
}
