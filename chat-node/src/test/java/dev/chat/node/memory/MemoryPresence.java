package dev.chat.node.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.chat.node.store.RoomPresence;
import dev.chat.node.store.Roster;
import dev.chat.node.store.RosterStore;

/**
 * {@link RoomPresence} and its {@link Roster} in memory, as one node sees them: a user counts once
 * per room however many nodes it is present from. Entries never lapse here; a test makes a node
 * lose its entry of a room ({@link #lose}), as when another node pruned it, to see it add its
 * users again.
 */
public final class MemoryPresence implements RoomPresence, Roster {

    /** room → (user id + "@" + node → display name), shared by the nodes of one test. */
    private final Map<String, Map<String, String>> rooms;
    private final String nodeId;
    private final AtomicLong version;
    /** room + "@" + node of each node's entry of a room, shared like the rooms. */
    private final java.util.Set<String> entries;

    public MemoryPresence(String nodeId) {
        this(new ConcurrentHashMap<>(), nodeId, new AtomicLong(), ConcurrentHashMap.newKeySet());
    }

    private MemoryPresence(Map<String, Map<String, String>> rooms, String nodeId, AtomicLong version,
            java.util.Set<String> entries) {
        this.rooms = rooms;
        this.nodeId = nodeId;
        this.version = version;
        this.entries = entries;
    }

    /** The same presence seen from another node of the cluster. */
    public MemoryPresence onNode(String otherNode) {
        return new MemoryPresence(rooms, otherNode, version, entries);
    }

    private Map<String, String> room(String roomId) {
        return rooms.computeIfAbsent(roomId, id -> new ConcurrentHashMap<>());
    }

    private String member(String userId) {
        return userId + "@" + nodeId;
    }

    /** As a join's presence write: true when this node's entry of the room was missing. */
    public boolean enter(String roomId, Map<String, String> names) {
        boolean lost = entries.add(entry(roomId));
        names.forEach((userId, name) -> room(roomId).put(member(userId), name));
        version.incrementAndGet();
        return lost;
    }

    @Override
    public CompletionStage<Void> sync(String roomId, Map<String, String> names, long now) {
        room(roomId).keySet().removeIf(member -> member.endsWith("@" + nodeId)
                && !names.containsKey(member.substring(0, member.lastIndexOf('@'))));
        enter(roomId, names);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Beat> heartbeat(String roomId, long now) {
        boolean lost = entries.add(entry(roomId));
        long held = room(roomId).keySet().stream().filter(member -> member.endsWith("@" + nodeId)).count();
        return CompletableFuture.completedFuture(new Beat(lost, held));
    }

    /** A user of this node in the room as Redis would hold it, without this node's knowing. */
    public void strand(String roomId, String userId) {
        room(roomId).put(member(userId), "Stranded");
        version.incrementAndGet();
    }

    /** This node's entry of the room and its users there gone, as when another node pruned it. */
    public void lose(String roomId) {
        entries.remove(entry(roomId));
        room(roomId).keySet().removeIf(member -> member.endsWith("@" + nodeId));
        version.incrementAndGet();
    }

    private String entry(String roomId) {
        return roomId + "@" + nodeId;
    }

    @Override
    public CompletionStage<Void> remove(String roomId, String userId, long now) {
        room(roomId).remove(member(userId));
        if (room(roomId).keySet().stream().noneMatch(member -> member.endsWith("@" + nodeId))) {
            entries.remove(entry(roomId));
        }
        version.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> count(String roomId, long now) {
        return CompletableFuture.completedFuture((long) people(roomId).size());
    }

    /** The users present in the room (id → name), on every node. */
    public Map<String, String> people(String roomId) {
        Map<String, String> people = new LinkedHashMap<>();
        room(roomId).forEach((member, name) -> people.put(member.substring(0, member.lastIndexOf('@')), name));
        return people;
    }

    @Override
    public CompletionStage<RosterStore.Snapshot> read(String roomId, int cap) {
        Map<String, String> people = people(roomId);
        Map<String, String> capped = new LinkedHashMap<>();
        people.entrySet().stream().limit(cap).forEach(e -> capped.put(e.getKey(), e.getValue()));
        return CompletableFuture.completedFuture(new RosterStore.Snapshot(version.get(), people.size(), capped));
    }

    @Override
    public CompletionStage<Void> rename(String roomId, String userId, String name) {
        room(roomId).replace(member(userId), name);
        version.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }
}
