package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.registry.config.RegistryConfig;
import dev.chat.registry.mapping.RoomMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Creates rooms with one Lua script ({@code lua/registry/create-room.lua}) that checks the creation rate
 * of the client, the name index and the id, then writes everything or nothing. The rate counter
 * lives in Redis so the limit holds however many registry instances run.
 */
@ApplicationScoped
public class RoomCreator {

    static final long WINDOW_MILLIS = 60_000;

    private static final Logger LOG = Logger.getLogger(RoomCreator.class);
    private static final int ID_ATTEMPTS = 3;

    private final Redis redis;
    private final RegistryKeys registryKeys;
    private final RedisKeys keys;
    private final int createPerMinute;
    private final int maxLive;

    RoomCreator(Redis redis, RegistryKeys registryKeys, RegistryConfig config) {
        this.redis = redis;
        this.registryKeys = registryKeys;
        this.keys = registryKeys.shared();
        this.createPerMinute = config.rooms().createPerMinute();
        this.maxLive = config.rooms().maxLive();
    }

    /** @param clientAddress who asks, already reduced to characters safe in a key */
    public Uni<CreateOutcome> create(NewRoom room, String clientAddress) {
        String nameKey = NewRoomParser.nameKey(room.name());
        if (NewRoomParser.nameKey(GeneralRoom.NAME).equals(nameKey)) {
            // General is not in the name index (the shared ENSURE script does not write it).
            return Uni.createFrom().item(new CreateOutcome.NameTaken(room.name()));
        }
        return attempt(room, nameKey, clientAddress, 1).onFailure().transform(StorageException::wrap);
    }

    private Uni<CreateOutcome> attempt(NewRoom room, String nameKey, String clientAddress, int attempt) {
        long now = System.currentTimeMillis();
        long window = now / WINDOW_MILLIS;
        long windowEnd = (window + 1) * WINDOW_MILLIS;
        String id = RoomIds.next();
        String token = OwnerTokens.next();
        RoomMeta meta = new RoomMeta(id, room.name(), room.clearIntervalSeconds(), room.expirySeconds(), now,
                room.historyForNewcomers());
        long expiryMillis = room.expirySeconds() * 1000;

        List<String> args = new ArrayList<>(List.of(id, nameKey, registryKeys.metaHead(), registryKeys.metaTail(),
                Integer.toString(createPerMinute),
                // outlives its window a little: clocks of JVMs and Redis need not agree
                Long.toString(windowEnd - now + WINDOW_MILLIS),
                Long.toString(expiryMillis), Integer.toString(maxLive)));
        for (Map.Entry<String, String> field : meta.toHash().entrySet()) {
            args.add(field.getKey());
            args.add(field.getValue());
        }
        args.add(OwnerTokens.HASH_FIELD);
        args.add(OwnerTokens.hash(token));
        List<String> scriptKeys = List.of(keys.meta(id), keys.roomIndex(), registryKeys.roomNames(),
                registryKeys.createRateLimit(clientAddress, window), registryKeys.roomNameKeys());

        return Futures.uni(() -> LuaScripts.CREATE_ROOM.run(redis, scriptKeys, args)).chain(reply -> {
            String verdict = reply.get(0).toString();
            switch (verdict) {
                case "created":
                    LOG.debugf("created room %s", id);
                    return Uni.createFrom().item(
                            new CreateOutcome.Created(RoomMapper.toView(meta, 0, expiryMillis, now), token));
                case "full":
                    return Uni.createFrom().item(new CreateOutcome.Full(maxLive));
                case "taken":
                    return Uni.createFrom().item(new CreateOutcome.NameTaken(room.name()));
                case "rate":
                    return Uni.createFrom().item(
                            new CreateOutcome.RateLimited(Math.max(1, ceilSeconds(windowEnd - now))));
                case "collision":
                    if (attempt < ID_ATTEMPTS) {
                        return attempt(room, nameKey, clientAddress, attempt + 1);
                    }
                    return Uni.createFrom().failure(new IllegalStateException("no free room id after " + attempt));
                default:
                    return Uni.createFrom().failure(new IllegalStateException("create-room.lua said " + describe(reply)));
            }
        });
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }

    private static String describe(Response reply) {
        return reply == null ? "nothing" : reply.toString();
    }
}
