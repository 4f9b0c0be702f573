package dev.chat.registry.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.config.RegistryConfig;
import dev.chat.registry.mapping.RoomView;
import dev.chat.registry.service.RoomCatalog;
import dev.chat.registry.service.StorageException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Uni;

/**
 * Puts the operations view together from what the cluster keeps in Redis: the chat nodes'
 * heartbeats (each node writes its own under {@link RedisKeys#opsNode} with a TTL, so a dead one is
 * simply absent), the busiest rooms from the room listing, and {@code INFO memory}.
 */
@ApplicationScoped
public class OpsView {

    private static final Logger LOG = Logger.getLogger(OpsView.class);

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final RoomCatalog catalog;
    private final ObjectMapper json;
    private final int topRooms;

    OpsView(ReactiveRedisDataSource redis, RedisKeys keys, RoomCatalog catalog, ObjectMapper json,
            RegistryConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.catalog = catalog;
        this.json = json;
        this.topRooms = config.ops().topRooms();
    }

    public Uni<OpsSnapshot> snapshot() {
        long now = System.currentTimeMillis();
        return Uni.combine().all().unis(nodes(now), rooms(), memory())
                .with((nodes, rooms, memory) -> new OpsSnapshot(now, nodes, rooms, memory))
                .onFailure().transform(StorageException::wrap);
    }

    /** Nodes whose heartbeat has not lapsed, by id; an index entry whose key already expired is left out. */
    private Uni<List<JsonNode>> nodes(long now) {
        return redis.sortedSet(String.class).zrangebyscore(keys.opsNodes(), new ScoreRange<>((double) now, Double.POSITIVE_INFINITY))
                .chain(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<JsonNode>of());
                    }
                    List<Uni<JsonNode>> beats = new ArrayList<>();
                    for (String id : ids) {
                        beats.add(redis.value(String.class).get(keys.opsNode(id)).map(this::parse));
                    }
                    return Uni.join().all(beats).andFailFast().map(found -> found.stream().filter(Objects::nonNull)
                            .sorted(Comparator.comparing(node -> node.path("node").asText())).toList());
                });
    }

    private JsonNode parse(String beat) {
        if (beat == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(beat);
            return node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            LOG.debugf("ignoring a heartbeat that is not JSON: %s", e.getMessage());
            return null;
        }
    }

    private Uni<List<OpsSnapshot.TopRoom>> rooms() {
        return catalog.list().map(rooms -> rooms.stream()
                .sorted(Comparator.comparingLong(RoomView::users).reversed().thenComparing(RoomView::name))
                .limit(topRooms)
                .map(room -> new OpsSnapshot.TopRoom(room.id(), room.name(), room.users()))
                .toList());
    }

    private Uni<OpsSnapshot.RedisMemory> memory() {
        return redis.execute("INFO", "memory").map(info -> OpsSnapshot.RedisMemory.parse(info.toString()));
    }
}
