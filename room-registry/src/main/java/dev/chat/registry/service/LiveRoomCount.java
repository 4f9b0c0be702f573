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

/**
 * The number of live rooms, counted in Redis every {@code chat.metrics.rooms-refresh} (the room
 * index against the rooms' metas, {@link RoomIndex#countLive()}), so that a scrape of {@code chat_rooms} reads a number
 * and never waits for Redis.
 */
@ApplicationScoped
public class LiveRoomCount {

    private static final Logger LOG = Logger.getLogger(LiveRoomCount.class);

    private final Vertx vertx;
    private final RoomIndex index;
    private final long refreshMillis;
    private final AtomicLong live = new AtomicLong();
    private long timer = -1;

    LiveRoomCount(Vertx vertx, RoomIndex index, RegistryConfig config) {
        this.vertx = vertx;
        this.index = index;
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
        index.countLive().subscribe().with(live::set,
                e -> LOG.debugf("could not count the live rooms: %s", e.getMessage()));
    }
}
