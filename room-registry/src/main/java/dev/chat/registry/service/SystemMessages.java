package dev.chat.registry.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contract.MessageFrames;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.contract.SendScript;
import dev.chat.registry.config.RegistryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * Posts messages from integrations (bots) as user {@code System}, through the contract's
 * {@link SendScript} ({@code send.lua}): the one way any message is accepted, so it gets the room's next id, lands in
 * the history and is published to every chat node exactly like a member's message.
 */
@ApplicationScoped
public class SystemMessages {

    public static final String USER_ID = "system";
    public static final String USER_NAME = "System";

    private static final String USER_JSON = MessageFrames.userJson(USER_ID, USER_NAME);

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final SendScript sendScript;

    SystemMessages(ReactiveRedisDataSource redis, Redis scripts, RedisKeys keys, RegistryConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.sendScript = new SendScript(scripts, keys, config.history().maxLen(), config.history().maxBytes());
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
        MessageFrames.Parts parts = MessageFrames.message(meta.id(), USER_JSON, text, now, null, List.of());
        return Futures.uni(() -> sendScript.send(meta, parts, null, List.of(), RoomRemover.ENVELOPE_SENDER, now))
                .map(result -> switch (result.outcome()) {
                    case ACCEPTED -> new PostOutcome.Posted(result.id());
                    case NO_SUCH_ROOM -> new PostOutcome.NoSuchRoom();
                    default -> throw new IllegalStateException("send.lua said " + result);
                });
    }
}
