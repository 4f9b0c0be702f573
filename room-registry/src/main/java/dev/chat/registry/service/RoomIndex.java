package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * The room directory (index of rooms, index of names and its reverse, all in the directory's slot)
 * against the rooms themselves (each meta in its room's slot): which entries are of rooms that are
 * gone, dropping them, counting the live ones. A room is live while its meta key exists; the
 * directory is only ever behind (a gone room still listed), never ahead: a room's meta is written
 * before its entry and its entry dropped only once the meta is gone.
 */
@ApplicationScoped
public class RoomIndex {

    private static final Logger LOG = Logger.getLogger(RoomIndex.class);

    private final ReactiveRedisDataSource redis;
    private final Redis scripts;
    private final RedisKeys keys;
    private final RegistryKeys registryKeys;
    private final int chunk;

    /**
     * @param maxWaitingHandlers how many commands one connection may have in flight; checks are
     *                           pipelined in chunks of a quarter of it
     */
    RoomIndex(ReactiveRedisDataSource redis, Redis scripts, RegistryKeys registryKeys,
            @ConfigProperty(name = "quarkus.redis.max-waiting-handlers", defaultValue = "2048") int maxWaitingHandlers) {
        this.redis = redis;
        this.scripts = scripts;
        this.registryKeys = registryKeys;
        this.keys = registryKeys.shared();
        this.chunk = Math.max(1, maxWaitingHandlers / 4);
    }

    public Uni<Set<String>> members() {
        return redis.set(String.class).smembers(keys.roomIndex());
    }

    /** The ids among these whose room is gone (no meta key): one EXISTS each, pipelined per chunk. */
    public Uni<List<String>> gone(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += chunk) {
            chunks.add(all.subList(from, Math.min(all.size(), from + chunk)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(this::goneIn)
                .collect().in(ArrayList::new, List::addAll);
    }

    private Uni<List<String>> goneIn(List<String> ids) {
        AtomicReference<List<String>> result = new AtomicReference<>();
        return redis.withConnection(connection -> {
            List<Uni<Boolean>> checks = new ArrayList<>(ids.size());
            for (String id : ids) {
                checks.add(connection.key(String.class).exists(keys.meta(id)));
            }
            return Uni.join().all(checks).andFailFast().invoke(exists -> {
                List<String> gone = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (!exists.get(i)) {
                        gone.add(ids.get(i));
                    }
                }
                result.set(gone);
            }).replaceWithVoid();
        }).map(done -> result.get());
    }

    /** Drops the directory entries of rooms found gone (General never). Idempotent. */
    public Uni<Long> drop(List<String> gone) {
        if (gone.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return Futures.uni(() -> LuaScripts.PRUNE_ROOMS.run(scripts,
                List.of(keys.roomIndex(), registryKeys.roomNames(), registryKeys.roomNameKeys()), gone))
                .map(removed -> removed.toLong())
                .invoke(removed -> LOG.debugf("pruned %s stale room index entries", removed));
    }

    /** Finds the gone rooms among all listed and drops them; answers how many entries went. */
    public Uni<Long> pruneAll() {
        return members().chain(this::gone).chain(this::drop);
    }

    /** Live rooms: index entries whose room exists, General counted whether it is listed or not. */
    public Uni<Long> countLive() {
        return members().chain(ids -> {
            List<String> candidates = new ArrayList<>(ids);
            if (!candidates.contains(GeneralRoom.ID)) {
                candidates.add(GeneralRoom.ID);
            }
            return gone(candidates).map(gone -> (long) (candidates.size() - gone.size()));
        });
    }
}
