package dev.chat.node.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.MessageFrames;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;

/** Rooms and history written straight into Redis, as the registry and other nodes write them. */
final class TestRooms {

    private TestRooms() {
    }

    static String create(Redis redis, RedisKeys keys, long clearSeconds, Long expirySeconds, boolean historyForNewcomers) {
        String id = "r" + UUID.randomUUID().toString().substring(0, 8);
        RoomMeta meta = new RoomMeta(id, "Room " + id, clearSeconds, expirySeconds, System.currentTimeMillis(),
                historyForNewcomers);
        Request hset = Request.cmd(Command.HSET).arg(keys.meta(id));
        meta.toHash().forEach((k, v) -> hset.arg(k).arg(v));
        List<Request> writes = new ArrayList<>(List.of(hset, Request.cmd(Command.SADD).arg(keys.roomIndex()).arg(id)));
        if (expirySeconds != null) {
            writes.add(Request.cmd(Command.PEXPIRE).arg(keys.meta(id)).arg(expirySeconds * 1000));
        }
        redis.batch(writes).toCompletionStage().toCompletableFuture().join();
        return id;
    }

    /** Appends {@code texts} to the room's history with ids 1, 2, ... as {@code send.lua} would. */
    static void fillHistory(Redis redis, RedisKeys keys, String room, List<String> texts) {
        List<Request> writes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String frame = MessageFrames.message(room, MessageFrames.userJson("u-filler", "Filler"), texts.get(i),
                    System.currentTimeMillis(), null, List.of()).withId(i + 1);
            writes.add(Request.cmd(Command.XADD).arg(keys.history(room)).arg((i + 1) + "-0").arg("f").arg(frame));
        }
        writes.add(Request.cmd(Command.SET).arg(keys.seq(room)).arg(texts.size()));
        redis.batch(writes).toCompletionStage().toCompletableFuture().join();
    }
}
