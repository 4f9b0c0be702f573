package dev.chat.node.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

import dev.chat.contract.LuaScript;

import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;

/**
 * Who is in which room, cluster-wide: a sorted set per room with a member per user and node
 * ({@link Presence#member}), scored with the time it lapses. Each node adds, refreshes and removes
 * only its own members; users of a node that dies lapse by themselves after the TTL (the next
 * write or count of the room drops them). Every change goes through the shared presence functions
 * ({@link Presence#FUNCTIONS}), so a count costs what changed, not the room's size.
 */
public final class PresenceStore {

    private static final LuaScript WRITE = LuaScript.resources(Presence.FUNCTIONS, "presence-write.lua");
    private static final LuaScript REMOVE = LuaScript.resources(Presence.FUNCTIONS, "presence-remove.lua");

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
        List<String> args = new java.util.ArrayList<>(userIds.size() + 3);
        args.add(Long.toString(now));
        args.add(Long.toString(ttlMillis));
        args.add(onlyExisting ? "1" : "0");
        for (String userId : userIds) {
            args.add(Presence.member(userId, nodeId));
        }
        return WRITE.run(redis, keysOf(roomId), args).<Void>mapEmpty().toCompletionStage();
    }

    public CompletionStage<Void> remove(String roomId, String userId) {
        return REMOVE.run(redis, keysOf(roomId), List.of(Presence.member(userId, nodeId))).<Void>mapEmpty()
                .toCompletionStage();
    }

    private List<String> keysOf(String roomId) {
        return List.of(keys.presence(roomId), keys.presenceUsers(roomId));
    }

    public CompletionStage<Long> count(String roomId, long now) {
        return Presence.COUNT.run(redis, keysOf(roomId), List.of(Long.toString(now)))
                .map(response -> response.toLong()).toCompletionStage();
    }
}
