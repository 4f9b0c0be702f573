package dev.chat.node.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sessions on THIS node, by room, and local delivery to them. Cluster-wide delivery is the
 * broker's job: a message reaches the hub only after it has gone through Redis, so every node,
 * the sender's included, delivers the same messages in the same (id) order. The hub also notices
 * ids that skip (pub/sub dropped something) and holds the room's deliveries until the gap is
 * filled from history. Deciding what to deliver takes the room's lock briefly; the writing is
 * done by each member's event loop (see {@link LoopOutbox}), outside it.
 */
public final class Hub {

    private final Map<String, LocalRoom> rooms = new ConcurrentHashMap<>();
    /** Messages handed to members so far (fan-out sizes added up), read by the metrics when scraped. */
    private final LongAdder delivered = new LongAdder();

    /**
     * Adds the session to the room; until {@link #completeJoin} its deliveries are buffered.
     *
     * @return true when the room had no members on this node before (subscribe to it)
     */
    public boolean beginJoin(ClientSession session, String roomId) {
        boolean[] first = new boolean[1];
        rooms.compute(roomId, (id, room) -> {
            if (room == null) {
                room = new LocalRoom(id);
                first[0] = true;
            }
            synchronized (room) {
                session.room(id);
                room.add(session);
                session.outbox().post(session::startPending);
                room.sessionsPerUser.merge(session.user().id(), 1, Integer::sum);
            }
            return room;
        });
        return first[0];
    }

    /**
     * Sends {@code joined} (which holds the history up to {@code snapshotSeq}), then whatever
     * arrived meanwhile after it; from here on the session gets live messages.
     */
    public void completeJoin(ClientSession session, String roomId, String joinedFrame, long snapshotSeq) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (!room.members.contains(session)) {
                return;
            }
            Utf8Frame joined = Utf8Frame.of(joinedFrame);
            session.outbox().post(() -> session.finishJoin(joined, snapshotSeq));
            if (room.lastSeq == LocalRoom.UNKNOWN) {
                room.lastSeq = snapshotSeq;
            }
        }
    }

    /**
     * Removes the session from its room.
     *
     * @return true when no session of this user is left in the room on this node
     */
    public boolean leave(ClientSession session, String roomId) {
        boolean[] userGone = new boolean[1];
        rooms.computeIfPresent(roomId, (id, room) -> {
            synchronized (room) {
                if (room.remove(session)) {
                    session.outbox().post(session::stopPending);
                    Integer left = room.sessionsPerUser.merge(session.user().id(), -1, Integer::sum);
                    if (left != null && left <= 0) {
                        room.sessionsPerUser.remove(session.user().id());
                        userGone[0] = true;
                    }
                }
                return room.members.isEmpty() ? null : room;
            }
        });
        session.room(null);
        return userGone[0];
    }

    /**
     * Removes every session from a room that no longer exists.
     *
     * @return the sessions that were in it
     */
    public List<ClientSession> evict(String roomId) {
        LocalRoom room = rooms.remove(roomId);
        if (room == null) {
            return List.of();
        }
        List<ClientSession> evicted;
        synchronized (room) {
            evicted = new ArrayList<>(room.members);
            room.members.clear();
            room.sessionsPerUser.clear();
        }
        for (ClientSession session : evicted) {
            session.outbox().post(session::stopPending);
            session.leftRoom(roomId);
        }
        return evicted;
    }

    public boolean hasMembers(String roomId) {
        return rooms.containsKey(roomId);
    }

    /** Rooms with members on this node. */
    public int roomCount() {
        return rooms.size();
    }

    /** Messages delivered to members so far: each message counts once per member it was handed to. */
    public long delivered() {
        return delivered.sum();
    }

    public Set<String> roomIds() {
        return Set.copyOf(rooms.keySet());
    }

    /** Distinct users of the room on this node. */
    public List<String> userIds(String roomId) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return new ArrayList<>(room.sessionsPerUser.keySet());
        }
    }

    /** How many distinct users the room has on this node (joining ones too), without copying them. */
    public int userCount(String roomId) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return 0;
        }
        synchronized (room) {
            return room.sessionsPerUser.size();
        }
    }

    /** Display names of the room's users on this node (id → name), to add them to presence again. */
    public Map<String, String> userNames(String roomId) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return Map.of();
        }
        synchronized (room) {
            Map<String, String> names = new java.util.HashMap<>();
            for (ClientSession member : room.members) {
                names.put(member.user().id(), member.user().name());
            }
            return names;
        }
    }

    /**
     * Delivers a message that came through the broker to the room's members, each exactly once
     * and in id order.
     *
     * @return a gap to fill from history, or null
     */
    public Gap deliver(String roomId, long seq, String frame) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return null;
        }
        synchronized (room) {
            if (room.lastSeq != LocalRoom.UNKNOWN && seq <= room.lastSeq) {
                // Delivered already, or inside the snapshot of a join that completed first. A
                // member still joining may have read an older snapshot and wait for it through
                // the channel: it goes to the members again, whose cursors drop what they hold.
                room.redeliver(seq, frame);
                return null;
            }
            if (room.filling) {
                room.held.put(seq, frame);
                return null;
            }
            if (room.lastSeq != LocalRoom.UNKNOWN && seq > room.lastSeq + 1) {
                room.filling = true;
                room.held.put(seq, frame);
                return new Gap(roomId, room.lastSeq, seq);
            }
            room.deliver(seq, frame);
            delivered.add(room.members.size());
            return null;
        }
    }

    /**
     * Holds the room's deliveries to catch up from history after the broker was disconnected.
     *
     * @return the gap to read, or null when nothing is known yet or a fill is already running
     */
    public Gap beginCatchUp(String roomId) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return null;
        }
        synchronized (room) {
            if (room.filling || room.lastSeq == LocalRoom.UNKNOWN) {
                return null;
            }
            room.filling = true;
            return new Gap(roomId, room.lastSeq, Long.MAX_VALUE);
        }
    }

    /**
     * Ends a gap: delivers what history returned and what was held meanwhile, in order. Messages
     * history no longer has (cleared or trimmed) are skipped; nothing waits forever.
     */
    public void fill(String roomId, List<Delivery> fromHistory) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            for (Delivery d : fromHistory) {
                if (room.lastSeq == LocalRoom.UNKNOWN || d.seq() > room.lastSeq) {
                    room.held.putIfAbsent(d.seq(), d.frame());
                }
            }
            for (Map.Entry<Long, String> held : room.held.entrySet()) {
                if (room.lastSeq == LocalRoom.UNKNOWN || held.getKey() > room.lastSeq) {
                    room.deliver(held.getKey(), held.getValue());
                    delivered.add(room.members.size());
                }
            }
            room.held.clear();
            room.filling = false;
        }
    }

    /**
     * Answers a send whose {@code clientId} was already accepted with the original message: now if
     * the session already has it, otherwise right after the room delivers it, so the answer never
     * gets ahead of messages still on their way.
     */
    public void echo(ClientSession session, String roomId, long seq, String frame) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.members.contains(session)) {
                Utf8Frame encoded = Utf8Frame.of(frame);
                session.outbox().post(() -> session.echo(seq, encoded));
            }
        }
    }

    /**
     * Sends a frame that is not a message (presence, notices) to the room's joined members.
     *
     * @return the bytes handed out (frame size times members)
     */
    public long broadcast(String roomId, String frame) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return 0;
        }
        synchronized (room) {
            return room.broadcast(frame);
        }
    }

    /** @return true when {@code users} differs from what this node last told the room */
    public boolean usersChanged(String roomId, long users) {
        LocalRoom room = rooms.get(roomId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            if (room.usersSent == users) {
                return false;
            }
            room.usersSent = users;
            return true;
        }
    }
}
