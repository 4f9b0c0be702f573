package dev.chat.node.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.chat.contract.Envelope;
import dev.chat.contract.MessageFrames;
import dev.chat.contract.RoomMeta;
import dev.chat.contract.SendScript;
import dev.chat.node.hub.Delivery;
import dev.chat.node.store.MessageLog;
import dev.chat.node.store.RoomEntrance;

/**
 * {@link MessageLog} in memory, doing what {@code send.lua} and {@code enter.lua} do: a send gets
 * the room's next id, is kept in the history and published as envelope {@code M}; a client id
 * already accepted returns the original message; entering makes the user present and returns the
 * newest messages or those after {@code since}.
 */
public final class MemoryMessageLog implements MessageLog {

    private static final int HISTORY_SIZE = 100;

    private final MemoryRooms rooms;
    private final MemoryPresence presence;
    private final MemoryBroker.Channels channels;
    private final Map<String, List<Delivery>> history;
    private final Map<String, Long> clientIds;
    /** history reads still to fail, shared by every node's view (the log is one store) */
    private final java.util.concurrent.atomic.AtomicInteger failingRanges;

    public MemoryMessageLog(MemoryRooms rooms, MemoryPresence presence, MemoryBroker.Channels channels) {
        this(rooms, presence, channels, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                new java.util.concurrent.atomic.AtomicInteger());
    }

    private MemoryMessageLog(MemoryRooms rooms, MemoryPresence presence, MemoryBroker.Channels channels,
            Map<String, List<Delivery>> history, Map<String, Long> clientIds,
            java.util.concurrent.atomic.AtomicInteger failingRanges) {
        this.failingRanges = failingRanges;
        this.rooms = rooms;
        this.presence = presence;
        this.channels = channels;
        this.history = history;
        this.clientIds = clientIds;
    }

    /** The same log seen from another node (whose entering makes users present there). */
    public MemoryMessageLog onNode(MemoryPresence otherPresence) {
        return new MemoryMessageLog(rooms, otherPresence, channels, history, clientIds, failingRanges);
    }

    public synchronized List<Delivery> history(String roomId) {
        return List.copyOf(history.getOrDefault(roomId, List.of()));
    }

    /** A message accepted without being published, as when a node missed it: only history has it. */
    public synchronized long appendUnpublished(String roomId, String frameWithoutId) {
        List<Delivery> messages = history.computeIfAbsent(roomId, id -> new ArrayList<>());
        long id = messages.isEmpty() ? 1 : messages.get(messages.size() - 1).seq() + 1;
        messages.add(new Delivery(id, frameWithoutId.replace("#ID#", Long.toString(id))));
        return id;
    }

    @Override
    public CompletionStage<SendScript.Result> send(RoomMeta room, MessageFrames.Parts parts, String clientId,
            List<String> attachmentIds, String nodeId, long now) {
        Envelope published;
        SendScript.Result result;
        synchronized (this) {
            if (!rooms.exists(room.id())) {
                return CompletableFuture.completedFuture(new SendScript.Result(SendScript.Outcome.NO_SUCH_ROOM, 0, null));
            }
            List<Delivery> messages = history.computeIfAbsent(room.id(), id -> new ArrayList<>());
            Long previous = clientId == null ? null : clientIds.get(room.id() + "\n" + clientId);
            if (previous != null) {
                // like send.lua: the message as first stored (its time too), not the resend
                String stored = history.getOrDefault(room.id(), List.of()).stream().filter(d -> d.seq() == previous)
                        .map(Delivery::frame).findFirst().orElse(parts.withId(previous));
                return CompletableFuture.completedFuture(
                        new SendScript.Result(SendScript.Outcome.DUPLICATE, previous, stored));
            }
            long id = messages.isEmpty() ? 1 : messages.get(messages.size() - 1).seq() + 1;
            messages.add(new Delivery(id, parts.withId(id)));
            if (clientId != null) {
                clientIds.put(room.id() + "\n" + clientId, id);
            }
            published = new Envelope(Envelope.MESSAGE, id, nodeId, parts.withId(id));
            result = new SendScript.Result(SendScript.Outcome.ACCEPTED, id, null);
        }
        channels.publish(room.id(), published); // like send.lua: published before the reply
        return CompletableFuture.completedFuture(result);
    }

    /** The next {@code count} history reads fail, as when Redis is busy or failing over. */
    public void failRanges(int count) {
        failingRanges.set(count);
    }

    @Override
    public synchronized CompletionStage<List<Delivery>> range(String roomId, long after, long before) {
        if (failingRanges.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("history unavailable"));
        }
        return CompletableFuture.completedFuture(history(roomId).stream()
                .filter(d -> d.seq() > after && d.seq() < before).toList());
    }

    @Override
    public CompletionStage<RoomEntrance.Entered> enter(RoomMeta meta, String userId, String userName, Long since,
            boolean withOlder, long now) {
        boolean lost = presence.enter(meta.id(), Map.of(userId, userName));
        List<Delivery> all = history(meta.id());
        long seq = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
        List<Delivery> shown = since != null ? all.stream().filter(d -> d.seq() > since).toList()
                : withOlder ? all.subList(Math.max(0, all.size() - HISTORY_SIZE), all.size()) : List.of();
        long users = presence.people(meta.id()).size();
        return CompletableFuture.completedFuture(new RoomEntrance.Entered(seq, shown, true, users, lost));
    }
}
