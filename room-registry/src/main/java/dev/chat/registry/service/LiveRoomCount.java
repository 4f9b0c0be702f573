package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chat.registry.config.RegistryConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * The number of live rooms, counted in Redis every {@code chat.metrics.rooms-refresh} by one script
 * ({@code lua/registry/count-rooms.lua}), so that a scrape of {@code chat_rooms} reads a number
 * and never waits for Redis.
 */
@ApplicationScoped
public class LiveRoomCount {

    private static final Logger LOG = Logger.getLogger(LiveRoomCount.class);

    private final Vertx vertx;
    private final Redis redis;
    private final RegistryKeys keys;
    private final long refreshMillis;
    private final AtomicLong live = new AtomicLong();
    private long timer = -1;

    LiveRoomCount(Vertx vertx, Redis redis, RegistryKeys keys, RegistryConfig config) {
        this.vertx = vertx;
        this.redis = redis;
        this.keys = keys;
        this.refreshMillis = config.metrics().roomsRefresh().toMillis();
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(refreshMillis, id -> refresh());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Live rooms at the last count (General included). */
    public long value() {
        return live.get();
    }

    private void refresh() {
        LuaScripts.COUNT_ROOMS.run(redis, List.of(keys.shared().roomIndex()), List.of(keys.metaHead(), keys.metaTail()))
                .onSuccess(count -> live.set(count.toLong()))
                .onFailure(e -> LOG.debugf("could not count the live rooms: %s", e.getMessage()));
    }
}
