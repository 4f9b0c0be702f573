package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.Presence;
import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.registry.config.RegistryConfig;
import dev.chat.registry.mapping.RoomMapper;
import dev.chat.registry.mapping.RoomView;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * Reads rooms from Redis: the listing, one room, and the upkeep reading implies (re-creating
 * General when it is missing, pruning index entries of rooms that are gone). Everything is
 * non-blocking, so the REST layer serves it on the event loop.
 */
@ApplicationScoped
public class RoomCatalog {

    private static final Logger LOG = Logger.getLogger(RoomCatalog.class);
    private static final int COMMANDS_PER_ROOM = 3;

    private final ReactiveRedisDataSource redis;
    private final Redis scripts;
    private final RedisKeys keys;
    private final RoomIndex index;
    private final long generalClearSeconds;
    private final int pipelineRooms;

    /**
     * @param maxWaitingHandlers how many commands one connection may have in flight; a pipelined
     *                           read of more fails, so reads are cut into chunks of a quarter of it
     */
    RoomCatalog(ReactiveRedisDataSource redis, Redis scripts, RegistryKeys registryKeys, RoomIndex index,
            RegistryConfig config,
            @ConfigProperty(name = "quarkus.redis.max-waiting-handlers", defaultValue = "2048") int maxWaitingHandlers) {
        this.redis = redis;
        this.scripts = scripts;
        this.index = index;
        this.pipelineRooms = Math.max(1, maxWaitingHandlers / 4 / COMMANDS_PER_ROOM);
        this.keys = registryKeys.shared();
        this.generalClearSeconds = RoomOptions.wholeSeconds("chat.general.clear-interval",
                config.general().clearInterval());
    }

    /** Every live room, General first, then by name. */
    public Uni<List<RoomView>> list() {
        long now = System.currentTimeMillis();
        return redis.set(String.class).smembers(keys.roomIndex())
                .chain(indexed -> {
                    Set<String> ids = new LinkedHashSet<>();
                    ids.add(GeneralRoom.ID);
                    List<String> stale = new ArrayList<>();
                    for (String id : indexed) {
                        (RedisKeys.isValidRoomId(id) ? ids : stale).add(id);
                    }
                    return read(ids, now).chain(snapshots -> assemble(snapshots, stale, now));
                })
                .onFailure().transform(StorageException::wrap);
    }

    /** One room; empty when there is no such room (General is re-created instead). */
    public Uni<Optional<RoomView>> get(String id) {
        if (!RedisKeys.isValidRoomId(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        long now = System.currentTimeMillis();
        return read(List.of(id), now)
                .chain(snapshots -> {
                    RoomSnapshot snapshot = snapshots.get(0);
                    if (!snapshot.exists() && GeneralRoom.ID.equals(id)) {
                        return recreateGeneral(now).map(Optional::of);
                    }
                    return Uni.createFrom().item(view(snapshot, now));
                })
                .onFailure().transform(StorageException::wrap);
    }

    /**
     * Creates General if it is missing and applies the configured clear interval. Every service
     * runs this at start and whenever it finds General gone (a Redis restart without persistence).
     */
    public Uni<Void> ensureGeneral() {
        // its meta (General's slot), then its index entry (the directory's): each idempotent
        return Futures.uni(() -> GeneralRoom.ensure(scripts, keys, generalClearSeconds))
                .chain(() -> redis.set(String.class).sadd(keys.roomIndex(), GeneralRoom.ID))
                .replaceWithVoid()
                .onFailure().transform(StorageException::wrap);
    }

    private Uni<List<RoomView>> assemble(List<RoomSnapshot> snapshots, List<String> stale, long now) {
        List<RoomView> rooms = new ArrayList<>();
        boolean generalMissing = false;
        for (RoomSnapshot snapshot : snapshots) {
            if (!snapshot.exists()) {
                if (GeneralRoom.ID.equals(snapshot.id())) {
                    generalMissing = true;
                } else {
                    stale.add(snapshot.id());
                }
                continue;
            }
            view(snapshot, now).ifPresent(rooms::add);
        }
        Uni<Void> pruned = stale.isEmpty() ? Uni.createFrom().voidItem() : prune(stale);
        Uni<Optional<RoomView>> general = generalMissing ? recreateGeneral(now).map(Optional::of)
                : Uni.createFrom().item(Optional.empty());
        return pruned.chain(() -> general).map(recreated -> {
            recreated.ifPresent(rooms::add);
            rooms.sort(RoomMapper.LISTING_ORDER);
            return rooms;
        });
    }

    private Uni<RoomView> recreateGeneral(long now) {
        return ensureGeneral()
                .chain(() -> read(List.of(GeneralRoom.ID), now))
                .map(snapshots -> view(snapshots.get(0), now)
                        .orElseThrow(() -> new IllegalStateException("General is missing right after ensuring it")));
    }

    private static Optional<RoomView> view(RoomSnapshot snapshot, long now) {
        RoomMeta meta = snapshot.meta();
        if (meta == null) {
            if (snapshot.exists()) {
                LOG.warnf("room %s has a meta hash the registry cannot read; left out", snapshot.id());
            }
            return Optional.empty();
        }
        return Optional.of(RoomMapper.toView(meta, snapshot.users(), snapshot.pttlMillis(), now));
    }

    /**
     * Reads the meta, its PTTL and the presence count of every room on one connection, all commands
     * of a chunk sent before any answer is awaited (pipelined): one round trip per chunk (170
     * rooms with the default limits). Not MULTI nor a batch: rooms live in different cluster
     * slots, single commands do not care. Chunks keep the commands in flight under the client's
     * limit ({@code quarkus.redis.max-waiting-handlers}).
     */
    private Uni<List<RoomSnapshot>> read(Collection<String> ids, long now) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += pipelineRooms) {
            chunks.add(all.subList(from, Math.min(all.size(), from + pipelineRooms)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> readChunk(chunk, now))
                .collect().in(ArrayList::new, List::addAll);
    }

    private Uni<List<RoomSnapshot>> readChunk(List<String> ids, long now) {
        AtomicReference<List<RoomSnapshot>> result = new AtomicReference<>();
        String nowMs = Long.toString(now);
        return redis.withConnection(connection -> {
            ReactiveHashCommands<String, String, String> hashes = connection.hash(String.class);
            List<Uni<RoomSnapshot>> reads = new ArrayList<>(ids.size());
            for (String id : ids) {
                reads.add(Uni.combine().all()
                        .unis(hashes.hgetall(keys.meta(id)),
                                connection.execute("PTTL", keys.meta(id)),
                                // distinct users, counted as the chat nodes count them
                                connection.execute("EVAL", Presence.COUNT.source(), "3", keys.presence(id),
                                        keys.presenceUsers(id), keys.presenceNodes(id), nowMs))
                        .with((hash, pttl, users) -> new RoomSnapshot(id, hash, pttl.toLong(), users.toLong())));
            }
            return Uni.join().all(reads).andFailFast().invoke(result::set).replaceWithVoid();
        }).map(done -> result.get());
    }

    /**
     * Best effort: a failed prune is retried by the next listing, so it must not fail this one. The
     * listing read these rooms' metas and found them gone; ids are never reused, so they stay gone.
     */
    private Uni<Void> prune(List<String> stale) {
        return index.drop(stale).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("pruning stale rooms %s failed: %s", stale, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
