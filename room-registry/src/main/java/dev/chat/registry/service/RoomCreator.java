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
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * Creates rooms in steps that each touch one Redis Cluster slot (docs/redis-cluster.md): a unit of
 * the client's creation rate ({@link RateCounter}), the room's meta ({@code create-meta.lua}, the
 * room's slot), then its name and index entry ({@code claim-name.lua}, the directory's slot). A
 * refusal after the first step undoes the earlier ones; a creation that stops half-way leaves at
 * most a meta nobody knows (never listed, it expires) or a rate unit taken until the window ends.
 */
@ApplicationScoped
public class RoomCreator {

    static final long WINDOW_MILLIS = 60_000;

    private static final Logger LOG = Logger.getLogger(RoomCreator.class);
    private static final int ID_ATTEMPTS = 3;
    private static final int CLAIM_ATTEMPTS = 5;

    private final ReactiveRedisDataSource data;
    private final Redis redis;
    private final RegistryKeys registryKeys;
    private final RedisKeys keys;
    private final RoomIndex index;
    private final int createPerMinute;
    private final int maxLive;

    RoomCreator(ReactiveRedisDataSource data, Redis redis, RegistryKeys registryKeys, RoomIndex index,
            RegistryConfig config) {
        this.data = data;
        this.redis = redis;
        this.registryKeys = registryKeys;
        this.keys = registryKeys.shared();
        this.index = index;
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
        long now = System.currentTimeMillis();
        long window = now / WINDOW_MILLIS;
        long windowEnd = (window + 1) * WINDOW_MILLIS;
        String rateKey = registryKeys.createRateLimit(clientAddress, window);
        // outlives its window a little: clocks of JVMs and Redis need not agree
        return RateCounter.take(redis, rateKey, createPerMinute, windowEnd - now + WINDOW_MILLIS)
                .chain(taken -> !taken
                        ? Uni.createFrom().<CreateOutcome>item(new CreateOutcome.RateLimited(
                                Math.max(1, ceilSeconds(windowEnd - now))))
                        : attempt(room, nameKey, 1).call(outcome -> outcome instanceof CreateOutcome.Created
                                ? Uni.createFrom().voidItem() : RateCounter.giveBack(redis, rateKey)))
                .onFailure().transform(StorageException::wrap);
    }

    private Uni<CreateOutcome> attempt(NewRoom room, String nameKey, int attempt) {
        long now = System.currentTimeMillis();
        String id = RoomIds.next();
        String token = OwnerTokens.next();
        RoomMeta meta = new RoomMeta(id, room.name(), room.clearIntervalSeconds(), room.expirySeconds(), now,
                room.historyForNewcomers());
        long expiryMillis = room.expirySeconds() * 1000;
        List<String> args = new ArrayList<>(List.of(Long.toString(expiryMillis)));
        for (Map.Entry<String, String> field : meta.toHash().entrySet()) {
            args.add(field.getKey());
            args.add(field.getValue());
        }
        args.add(OwnerTokens.HASH_FIELD);
        args.add(OwnerTokens.hash(token));
        return Futures.uni(() -> LuaScripts.CREATE_META.run(redis, List.of(keys.meta(id)), args)).chain(reply -> {
            if ("collision".equals(reply.toString())) {
                return attempt < ID_ATTEMPTS ? attempt(room, nameKey, attempt + 1)
                        : Uni.createFrom().failure(new IllegalStateException("no free room id after " + attempt));
            }
            return claim(id, nameKey, CLAIM_ATTEMPTS, false)
                    .onFailure().call(e -> forget(id))
                    .chain(verdict -> switch (verdict) {
                        case "claimed" -> {
                            LOG.debugf("created room %s", id);
                            yield Uni.createFrom().item(
                                    new CreateOutcome.Created(RoomMapper.toView(meta, 0, expiryMillis, now), token));
                        }
                        case "full" -> forget(id).replaceWith(new CreateOutcome.Full(maxLive));
                        default -> forget(id).replaceWith(new CreateOutcome.NameTaken(room.name()));
                    });
        });
    }

    /**
     * Claims the name for the room whose meta exists: 'claimed', 'taken' or 'full'. The holder is
     * checked in its own slot first; the claim succeeds only if the holder is still the one found
     * gone. At the cap, the directory is pruned of gone rooms once before refusing.
     */
    private Uni<String> claim(String id, String nameKey, int tries, boolean pruned) {
        return data.hash(String.class).hget(registryKeys.roomNames(), nameKey)
                .chain(holder -> holder == null ? claimFrom(id, nameKey, "")
                        : data.key(String.class).exists(keys.meta(holder))
                                .chain(live -> live ? Uni.createFrom().item("taken") : claimFrom(id, nameKey, holder)))
                .chain(verdict -> switch (verdict) {
                    case "changed" -> tries > 1 ? claim(id, nameKey, tries - 1, pruned)
                            : Uni.createFrom().item("taken");
                    case "full" -> pruned ? Uni.createFrom().item("full")
                            : index.pruneAll().chain(removed -> claim(id, nameKey, tries, true));
                    default -> Uni.createFrom().item(verdict);
                });
    }

    /** The claim itself, if the name's holder is still {@code gone} ('' for none). */
    private Uni<String> claimFrom(String id, String nameKey, String gone) {
        return Futures.uni(() -> LuaScripts.CLAIM_NAME.run(redis,
                List.of(keys.roomIndex(), registryKeys.roomNames(), registryKeys.roomNameKeys()),
                List.of(id, nameKey, gone, Integer.toString(maxLive)))).map(Object::toString);
    }

    /** Undoes step 1 (best effort: a meta left behind is never listed and expires). */
    private Uni<Void> forget(String id) {
        return data.key(String.class).del(keys.meta(id)).replaceWithVoid().onFailure().recoverWithNull();
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
