package dev.chat.node.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;

/** {@link Rooms} in Redis: reads rooms' settings; re-creates General when a Redis restart lost it. */
public final class RoomDirectory implements Rooms {

    private final Redis redis;
    private final RedisKeys keys;
    private final long generalClearSeconds;

    public RoomDirectory(Redis redis, RedisKeys keys, long generalClearSeconds) {
        this.redis = redis;
        this.keys = keys;
        this.generalClearSeconds = generalClearSeconds;
    }

    /** Completes with null when the room does not exist. */
    @Override
    public CompletionStage<RoomMeta> find(String roomId) {
        return load(roomId).compose(meta -> {
            if (meta == null && GeneralRoom.ID.equals(roomId)) {
                return GeneralRoom.ensure(redis, keys, generalClearSeconds).compose(ignored -> load(roomId));
            }
            return io.vertx.core.Future.succeededFuture(meta);
        }).toCompletionStage();
    }

    @Override
    public CompletionStage<Void> ensureGeneral() {
        return GeneralRoom.ensure(redis, keys, generalClearSeconds).<Void>mapEmpty().toCompletionStage();
    }

    /**
     * Which of these rooms still exist: one EXISTS per room, all sent at once. Not a batch: rooms
     * live in different slots of a Redis Cluster, and a batch must stay on one node.
     */
    @Override
    public CompletionStage<java.util.Set<String>> existing(List<String> roomIds) {
        List<io.vertx.core.Future<Response>> checks = roomIds.stream()
                .map(id -> redis.send(Request.cmd(Command.EXISTS).arg(keys.meta(id)))).toList();
        return io.vertx.core.Future.all(checks).map(done -> {
            java.util.Set<String> present = new java.util.HashSet<>();
            for (int i = 0; i < roomIds.size(); i++) {
                Response r = checks.get(i).result();
                if (r != null && r.toInteger() > 0) {
                    present.add(roomIds.get(i));
                }
            }
            return present;
        }).toCompletionStage();
    }

    private io.vertx.core.Future<RoomMeta> load(String roomId) {
        return redis.send(Request.cmd(Command.HGETALL).arg(keys.meta(roomId))).map(response -> {
            return RoomMeta.fromHash(roomId, Responses.hash(response));
        });
    }
}
