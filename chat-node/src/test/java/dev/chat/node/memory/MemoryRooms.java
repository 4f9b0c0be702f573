package dev.chat.node.memory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RoomMeta;
import dev.chat.node.store.Rooms;

/** {@link Rooms} in memory: General exists from the start, other rooms once a test creates them. */
public final class MemoryRooms implements Rooms {

    private final Map<String, RoomMeta> rooms = new ConcurrentHashMap<>();
    /** While set, lookups wait for it: joins stay in progress. */
    private volatile CompletableFuture<Void> held;

    public MemoryRooms() {
        ensureGeneral();
    }

    /** A room that clears every hour and, with {@code expirySeconds}, expires when idle. */
    public RoomMeta create(String id, Long expirySeconds) {
        RoomMeta meta = new RoomMeta(id, "Room " + id, 3600, expirySeconds, System.currentTimeMillis(), true);
        rooms.put(id, meta);
        return meta;
    }

    /** The room is gone, as when Redis expired its keys. */
    public void remove(String id) {
        rooms.remove(id);
    }

    public boolean exists(String id) {
        return rooms.containsKey(id);
    }

    /** Lookups from now on wait until {@link #release}, as when Redis is slow. */
    public void hold() {
        held = new CompletableFuture<>();
    }

    public void release() {
        CompletableFuture<Void> waiting = held;
        held = null;
        waiting.complete(null);
    }

    @Override
    public CompletionStage<RoomMeta> find(String roomId) {
        CompletableFuture<Void> waiting = held;
        return waiting == null ? CompletableFuture.completedFuture(rooms.get(roomId))
                : waiting.thenApply(ignored -> rooms.get(roomId));
    }

    @Override
    public CompletionStage<Void> ensureGeneral() {
        rooms.putIfAbsent(GeneralRoom.ID, GeneralRoom.meta(300, System.currentTimeMillis()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Set<String>> existing(List<String> roomIds) {
        return CompletableFuture.completedFuture(roomIds.stream().filter(rooms::containsKey).collect(Collectors.toSet()));
    }
}
