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
 * {@link RoomPresence} in Redis: a sorted set per room with a member per user and node
 * ({@link Presence#member}), scored with the time it lapses. Each node adds, refreshes and removes
 * only its own members; users of a node that dies lapse by themselves after the TTL (the next
 * write of the room drops them). Every change goes through the shared presence functions
 * ({@link Presence#FUNCTIONS}), so a count costs what changed, not the room's size, and keeps the
 * room's roster (the names of the present users, every change published on the room's channel).
 */
public final class PresenceStore implements RoomPresence {

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

    /** Users (id → display name) entering, or back after Redis lost them: added, or refreshed. */
    @Override
    public CompletionStage<Void> add(String roomId, java.util.Map<String, String> names, long now) {
        List<String> members = new java.util.ArrayList<>(names.size() * 2);
        names.forEach((userId, name) -> {
            members.add(Presence.member(userId, nodeId));
            members.add(name);
        });
        return write(roomId, members, now, false);
    }

    /**
     * Heartbeat: refreshes only entries that still exist, so a refresh racing with a leave cannot
     * bring the user back for a whole TTL.
     */
    @Override
    public CompletionStage<Void> refresh(String roomId, Collection<String> userIds, long now) {
        return write(roomId, userIds.stream().map(userId -> Presence.member(userId, nodeId)).toList(), now, true);
    }

    /** @param members members to refresh, or member and name pairs to add */
    private CompletionStage<Void> write(String roomId, List<String> members, long now, boolean onlyExisting) {
        if (members.isEmpty()) {
            return Future.<Void>succeededFuture().toCompletionStage();
        }
        List<String> args = new java.util.ArrayList<>(members.size() + 5);
        args.add(Long.toString(now));
        args.add(Long.toString(ttlMillis));
        args.add(onlyExisting ? "1" : "0");
        args.add(keys.channel(roomId));
        args.add(nodeId);
        args.addAll(members);
        return WRITE.run(redis, rosterKeysOf(roomId), args).<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<Void> remove(String roomId, String userId) {
        return REMOVE.run(redis, rosterKeysOf(roomId),
                List.of(Presence.member(userId, nodeId), keys.channel(roomId), nodeId)).<Void>mapEmpty()
                .toCompletionStage();
    }

    private List<String> keysOf(String roomId) {
        return List.of(keys.presence(roomId), keys.presenceUsers(roomId));
    }

    private List<String> rosterKeysOf(String roomId) {
        return List.of(keys.presence(roomId), keys.presenceUsers(roomId), keys.presenceNames(roomId),
                keys.presenceVersion(roomId));
    }

    @Override
    public CompletionStage<Long> count(String roomId, long now) {
        return Presence.COUNT.run(redis, keysOf(roomId), List.of(Long.toString(now)))
                .map(response -> response.toLong()).toCompletionStage();
    }
}
