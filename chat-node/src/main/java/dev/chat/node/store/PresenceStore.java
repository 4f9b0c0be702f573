package dev.chat.node.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

import dev.chat.contract.LuaScript;
import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;

/**
 * {@link RoomPresence} in Redis: per room, a sorted set of live nodes scored with the time each
 * lapses and a set of users per node (see {@link Presence}). This node adds and removes only its
 * own users, under its own presence id ({@link Presence#instance}), and a heartbeat pushes back its
 * one entry per room, so it costs the same whatever the users; a node that dies lapses with its
 * users, which the next write of the room drops. Every change goes through the shared presence
 * functions ({@link Presence#FUNCTIONS}), so a count costs what changed, not the room's size, and
 * keeps the room's roster (the names of the present users, every change published on the room's
 * channel).
 */
public final class PresenceStore implements RoomPresence {

    private static final LuaScript WRITE = LuaScript.resources(Presence.FUNCTIONS, "presence-write.lua");
    private static final LuaScript BEAT = LuaScript.resources(Presence.FUNCTIONS, "presence-beat.lua");
    private static final LuaScript REMOVE = LuaScript.resources(Presence.FUNCTIONS, "presence-remove.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final String nodeId;
    private final String presenceId;
    private final long ttlMillis;

    /** @param presenceId the id this node process keeps its presence under ({@link Presence#instance}) */
    public PresenceStore(Redis redis, RedisKeys keys, String nodeId, String presenceId, Duration ttl) {
        this.redis = redis;
        this.keys = keys;
        this.nodeId = nodeId;
        this.presenceId = presenceId;
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * Users (id → display name) added under this node, through the same script as {@link #sync}
     * but keeping the others: for tests and tools that act as another node. A node's own joins go
     * through the entrance script, and its restores through {@link #sync}.
     */
    public CompletionStage<Void> add(String roomId, Map<String, String> names, long now) {
        if (names.isEmpty()) {
            return Future.<Void>succeededFuture().toCompletionStage();
        }
        return write(roomId, names, now, false);
    }

    @Override
    public CompletionStage<Void> sync(String roomId, Map<String, String> names, long now) {
        return write(roomId, names, now, true);
    }

    private CompletionStage<Void> write(String roomId, Map<String, String> names, long now, boolean exactly) {
        List<String> args = head(roomId, now, 6 + names.size() * 2);
        args.add(exactly ? "1" : "0");
        names.forEach((userId, name) -> {
            args.add(userId);
            args.add(name);
        });
        return WRITE.run(redis, rosterKeysOf(roomId), args).<Void>mapEmpty().toCompletionStage();
    }

    /** One script call with five arguments, whatever this node's users of the room. */
    @Override
    public CompletionStage<Beat> heartbeat(String roomId, long now) {
        return BEAT.run(redis, rosterKeysOf(roomId), head(roomId, now, 5))
                .map(reply -> new Beat(reply.get(0).toInteger() == 1, reply.get(1).toLong())).toCompletionStage();
    }

    private List<String> head(String roomId, long now, int size) {
        List<String> args = new ArrayList<>(size);
        args.add(Long.toString(now));
        args.add(Long.toString(ttlMillis));
        args.add(keys.channel(roomId));
        args.add(nodeId);
        args.add(presenceId);
        return args;
    }

    @Override
    public CompletionStage<Void> remove(String roomId, String userId, long now) {
        return REMOVE.run(redis, rosterKeysOf(roomId), List.of(userId, keys.channel(roomId), nodeId, presenceId,
                Long.toString(now))).<Void>mapEmpty().toCompletionStage();
    }

    private List<String> rosterKeysOf(String roomId) {
        return List.of(keys.presence(roomId), keys.presenceUsers(roomId), keys.presenceNames(roomId),
                keys.presenceVersion(roomId), keys.presenceNodes(roomId));
    }

    @Override
    public CompletionStage<Long> count(String roomId, long now) {
        return Presence.COUNT.run(redis, Presence.keys(keys, roomId), List.of(Long.toString(now)))
                .map(response -> response.toLong()).toCompletionStage();
    }
}
