package dev.chat.node.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.RedisKeys;

/**
 * Who is in which room, cluster-wide: a sorted set per room of user ids scored with the time they
 * lapse. The node holding a user's connection refreshes it; users of a node that dies lapse by
 * themselves after the TTL, with nobody having to clean up.
 */
public final class PresenceStore {

    private final Redis redis;
    private final RedisKeys keys;
    private final long ttlMillis;

    public PresenceStore(Redis redis, RedisKeys keys, Duration ttl) {
        this.redis = redis;
        this.keys = keys;
        this.ttlMillis = ttl.toMillis();
    }

    public CompletionStage<Void> refresh(String roomId, Collection<String> userIds, long now) {
        if (userIds.isEmpty()) {
            return Future.<Void>succeededFuture().toCompletionStage();
        }
        Request zadd = Request.cmd(Command.ZADD).arg(keys.presence(roomId));
        String lapsesAt = Long.toString(now + ttlMillis);
        for (String userId : userIds) {
            zadd.arg(lapsesAt).arg(userId);
        }
        return redis.batch(List.of(zadd,
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(keys.presence(roomId)).arg("-inf").arg(now),
                // the set itself goes once no node refreshes it
                Request.cmd(Command.PEXPIRE).arg(keys.presence(roomId)).arg(ttlMillis * 2)))
                .<Void>mapEmpty().toCompletionStage();
    }

    public CompletionStage<Void> remove(String roomId, String userId) {
        return redis.send(Request.cmd(Command.ZREM).arg(keys.presence(roomId)).arg(userId)).<Void>mapEmpty()
                .toCompletionStage();
    }

    public CompletionStage<Long> count(String roomId, long now) {
        return redis.send(Request.cmd(Command.ZCOUNT).arg(keys.presence(roomId)).arg("(" + now).arg("+inf"))
                .map(response -> response.toLong()).toCompletionStage();
    }
}
