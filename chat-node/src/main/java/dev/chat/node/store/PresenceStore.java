package dev.chat.node.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;

/**
 * Who is in which room, cluster-wide: a sorted set per room with a member per user and node
 * ({@link Presence#member}), scored with the time it lapses. Each node adds, refreshes and removes
 * only its own members; users of a node that dies lapse by themselves after the TTL, with nobody
 * having to clean up.
 */
public final class PresenceStore {

    private final Redis redis;
    private final RedisKeys keys;
    private final String nodeId;
    private final long ttlMillis;

    public PresenceStore(Redis redis, RedisKeys keys, String nodeId, Duration ttl) {
        this.redis = redis;
        this.keys = keys;
        this.nodeId = nodeId;
        this.ttlMillis = ttl.toMillis();
    }

    /** A user entering: added, or refreshed when already there. */
    public CompletionStage<Void> add(String roomId, Collection<String> userIds, long now) {
        return write(roomId, userIds, now, false);
    }

    /**
     * Heartbeat: refreshes only entries that still exist, so a refresh racing with a leave cannot
     * bring the user back for a whole TTL.
     */
    public CompletionStage<Void> refresh(String roomId, Collection<String> userIds, long now) {
        return write(roomId, userIds, now, true);
    }

    private CompletionStage<Void> write(String roomId, Collection<String> userIds, long now, boolean onlyExisting) {
        if (userIds.isEmpty()) {
            return Future.<Void>succeededFuture().toCompletionStage();
        }
        Request zadd = Request.cmd(Command.ZADD).arg(keys.presence(roomId));
        if (onlyExisting) {
            zadd.arg("XX");
        }
        String lapsesAt = Long.toString(now + ttlMillis);
        for (String userId : userIds) {
            zadd.arg(lapsesAt).arg(Presence.member(userId, nodeId));
        }
        return redis.batch(List.of(zadd,
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(keys.presence(roomId)).arg("-inf").arg(now),
                // the set itself goes once no node refreshes it
                Request.cmd(Command.PEXPIRE).arg(keys.presence(roomId)).arg(ttlMillis * 2)))
                .<Void>mapEmpty().toCompletionStage();
    }

    public CompletionStage<Void> remove(String roomId, String userId) {
        return redis.send(Request.cmd(Command.ZREM).arg(keys.presence(roomId)).arg(Presence.member(userId, nodeId)))
                .<Void>mapEmpty().toCompletionStage();
    }

    public CompletionStage<Long> count(String roomId, long now) {
        return Presence.COUNT.run(redis, List.of(keys.presence(roomId)), List.of(Long.toString(now)))
                .map(response -> response.toLong()).toCompletionStage();
    }
}
