package dev.chat.node.store;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.vertx.redis.client.Redis;

import dev.chat.contract.LuaScript;
import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.node.hub.Delivery;

/**
 * What entering a room does in Redis, in one script call ({@code enter.lua}): the room's expiry
 * pushed back, the user present (and announced to the room's roster), and the history the client
 * should see read together with the last id given out and the room's count. One round trip instead of one per step, so a reconnect
 * storm costs Redis a call per join and no join holds a pooled connection for several.
 */
public final class RoomEntrance {

    /**
     * History up to and including message {@code seq}, oldest first, and the room's users.
     *
     * @param recovered    false when {@code since} was given but the gap could not be filled
     * @param presenceLost this node's presence entry of the room was missing (it lapsed and was
     *                     pruned, or Redis lost it): its other users there must be added again
     */
    public record Entered(long seq, List<Delivery> messages, boolean recovered, long users, boolean presenceLost) {
    }

    private static final LuaScript ENTER = LuaScript.resources(Presence.FUNCTIONS, "enter.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final String nodeId;
    private final String presenceId;
    private final long presenceTtlMillis;
    private final int historySize;
    private final int historyMaxLen;

    /** @param presenceId the id this node process keeps its presence under ({@link Presence#instance}) */
    public RoomEntrance(Redis redis, RedisKeys keys, String nodeId, String presenceId, Duration presenceTtl,
            int historySize, int historyMaxLen) {
        this.redis = redis;
        this.keys = keys;
        this.nodeId = nodeId;
        this.presenceId = presenceId;
        this.presenceTtlMillis = presenceTtl.toMillis();
        this.historySize = historySize;
        this.historyMaxLen = historyMaxLen;
    }

    /**
     * Completes with null when the room no longer exists (expired or deleted since its settings
     * were read): nothing was written then.
     *
     * @param since the last id the client saw, or null for the newest messages
     * @param withOlder false for rooms that hide messages from before a user joined; such a room's
     *                  resume also returns nothing from before the user's first join of the clear
     *                  period ({@link RedisKeys#firstJoins}), whatever {@code since} says
     */
    public CompletionStage<Entered> enter(RoomMeta meta, String userId, String userName, Long since,
            boolean withOlder, long now) {
        String id = meta.id();
        String roomTtl = "";
        long periodEnd = meta.clearSchedule().nextClearAt(now);
        if (meta.expirySeconds() != null) {
            // a join is activity: an expiring room, and its history unless a clear comes first,
            // live expirySeconds from now
            long ttl = meta.expirySeconds() * 1000;
            roomTtl = Long.toString(ttl);
            periodEnd = Math.min(periodEnd, now + ttl);
        }
        return ENTER.run(redis,
                List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id), keys.presence(id),
                        keys.presenceUsers(id), keys.presenceNames(id), keys.presenceVersion(id), keys.firstJoins(id),
                        keys.historyBytes(id), keys.presenceNodes(id)),
                List.of(Long.toString(now), presenceId, Long.toString(presenceTtlMillis), roomTtl,
                        Long.toString(periodEnd), since == null ? "" : since.toString(),
                        Integer.toString(withOlder ? historySize : 0), Integer.toString(historyMaxLen), userName,
                        keys.channel(id), nodeId, userId, meta.historyForNewcomers() ? "0" : "1"))
                .map(response -> {
                    if (response.size() == 1) {
                        return null; // {'no_such_room'}
                    }
                    List<Delivery> messages = Responses.entries(response.get(1));
                    if (since == null) {
                        Collections.reverse(messages); // XREVRANGE: newest first
                    }
                    return new Entered(response.get(0).toLong(), messages, response.get(2).toInteger() == 1,
                            response.get(3).toLong(), response.get(4).toInteger() == 1);
                }).toCompletionStage();
    }
}
