package dev.chat.registry.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contract.LuaScript;
import dev.chat.contract.MessageFrames;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.registry.config.RegistryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * Posts messages from integrations (bots) as user {@code System}, through the contract's
 * {@code send.lua}: the one way any message is accepted, so it gets the room's next id, lands in
 * the history and is published to every chat node exactly like a member's message.
 */
@ApplicationScoped
public class SystemMessages {

    public static final String USER_ID = "system";
    public static final String USER_NAME = "System";

    private static final LuaScript SEND = LuaScript.send();
    private static final String USER_JSON = MessageFrames.userJson(USER_ID, USER_NAME);

    private final ReactiveRedisDataSource redis;
    private final Redis scripts;
    private final RedisKeys keys;
    private final int historyMaxLen;
    private final long historyMaxBytes;

    SystemMessages(ReactiveRedisDataSource redis, Redis scripts, RedisKeys keys, RegistryConfig config) {
        this.redis = redis;
        this.scripts = scripts;
        this.keys = keys;
        this.historyMaxLen = config.history().maxLen();
        this.historyMaxBytes = config.history().maxBytes();
    }

    /** @param text already validated */
    public Uni<PostOutcome> post(String roomId, String text) {
        if (!RedisKeys.isValidRoomId(roomId)) {
            return Uni.createFrom().item(new PostOutcome.NoSuchRoom());
        }
        // The clear boundary needs the room's createdAt and interval; send.lua re-checks the room.
        return redis.hash(String.class).hgetall(keys.meta(roomId))
                .chain(hash -> {
                    RoomMeta meta = RoomMeta.fromHash(roomId, hash);
                    return meta == null ? Uni.createFrom().item(new PostOutcome.NoSuchRoom()) : send(meta, text);
                })
                .onFailure().transform(StorageException::wrap);
    }

    private Uni<PostOutcome> send(RoomMeta meta, String text) {
        long now = System.currentTimeMillis();
        String id = meta.id();
        MessageFrames.Parts parts = MessageFrames.message(id, USER_JSON, text, now, null, List.of());
        List<String> scriptKeys = List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id),
                keys.historyBytes(id));
        List<String> args = List.of(keys.channel(id), RoomRemover.ENVELOPE_SENDER, parts.head(), parts.tail(), "",
                Long.toString(meta.clearSchedule().nextClearAt(now)), Integer.toString(historyMaxLen),
                Long.toString(now), Long.toString(historyMaxBytes));
        return Futures.uni(() -> SEND.run(scripts, scriptKeys, args)).map(reply -> switch (reply.get(0).toString()) {
            case "ok" -> new PostOutcome.Posted(reply.get(1).toLong());
            case "no_such_room" -> new PostOutcome.NoSuchRoom();
            default -> throw new IllegalStateException("send.lua said " + reply);
        });
    }
}
