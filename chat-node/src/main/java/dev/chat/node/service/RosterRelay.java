package dev.chat.node.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import dev.chat.contract.Envelope;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Hub;
import dev.chat.node.limits.ByteBudget;
import dev.chat.node.protocol.RosterFrames;
import dev.chat.node.protocol.RosterFrames.Change;
import dev.chat.node.store.Roster;

/**
 * Tells this node's members who is in their room. The presence scripts publish every change of
 * who is present (envelope {@code R}); per room, the changes of one flush interval are sent as one
 * {@code roster} frame, and when there are more than one frame may carry, a snapshot of at most
 * that many users is sent instead. A joining page gets a snapshot once it has joined; the
 * snapshots of pages joining together are read once. So a room of thousands costs its members
 * one capped frame per interval, whatever happens in it; and what the node's rosters send to all
 * members of their rooms stays within a byte budget per second ({@link ByteBudget}): past it, a
 * room's changes are gathered longer (and become one snapshot), so while thousands join one room
 * its members' lists lag by seconds instead of every member getting a full list every interval.
 * A room of more than {@code maxLiveUsers} is not kept live at all: its pages get a capped sample
 * when they join, marked as such, and the count; its changes are dropped until it is small again,
 * when everyone here starts over from a snapshot. Each change there would otherwise reach
 * thousands of members, and with thousands joining that is millions of entries a second.
 */
final class RosterRelay {

    private static final Logger LOG = Logger.getLogger(RosterRelay.class);

    /** One room's changes waiting for the flush, and the pages waiting for a snapshot; guarded by itself. */
    private static final class RoomRoster {
        final Map<String, Change> pending = new LinkedHashMap<>();
        boolean overflow;
        boolean flushScheduled;
        boolean reading;
        boolean everyone;
        /** bigger than the live limit: changes dropped, a snapshot for everyone once it is small again */
        boolean dormant;
        List<ClientSession> waiting = new ArrayList<>();
    }

    private final Vertx vertx;
    private final Hub hub;
    private final Roster store;
    private final int maxPerFrame;
    private final long flushMillis;
    private final ByteBudget budget;
    private final ToLongFunction<String> roomUsers;
    private final long maxLiveUsers;
    private final Map<String, RoomRoster> rooms = new ConcurrentHashMap<>();

    /** @param roomUsers the room's last known count of users, cluster-wide (0 when not known yet) */
    RosterRelay(Vertx vertx, Hub hub, Roster store, int maxPerFrame, long flushMillis, ByteBudget budget,
            ToLongFunction<String> roomUsers, long maxLiveUsers) {
        this.roomUsers = roomUsers;
        this.maxLiveUsers = maxLiveUsers;
        this.vertx = vertx;
        this.hub = hub;
        this.store = store;
        this.maxPerFrame = maxPerFrame;
        this.flushMillis = Math.max(1, flushMillis);
        this.budget = budget;
    }

    /** The lines of an {@code R} envelope: {@code +<id>\t<name>} (present) or {@code -<id>} (gone). */
    static List<Change> changesOf(Envelope envelope) {
        List<Change> changes = new ArrayList<>();
        for (String line : envelope.body().split("\n")) {
            if (line.length() < 2) {
                continue;
            }
            if (line.charAt(0) == '-') {
                changes.add(new Change(line.substring(1), null, envelope.id()));
            } else if (line.charAt(0) == '+') {
                int tab = line.indexOf('\t');
                if (tab > 1) {
                    changes.add(new Change(line.substring(1, tab), line.substring(tab + 1), envelope.id()));
                }
            }
        }
        return changes;
    }

    void onChanges(String room, Envelope envelope) {
        if (!hub.hasMembers(room)) {
            return;
        }
        RoomRoster roster = rooms.computeIfAbsent(room, id -> new RoomRoster());
        boolean live = live(room);
        synchronized (roster) {
            if (!live) {
                roster.dormant = true;
                roster.pending.clear();
                roster.overflow = false;
                return;
            }
            if (roster.dormant) {
                // small again: what was dropped meanwhile is made good by a snapshot for everyone
                roster.dormant = false;
                roster.overflow = true;
            }
            for (Change change : changesOf(envelope)) {
                if (roster.overflow) {
                    break;
                }
                roster.pending.put(change.userId(), change);
                if (roster.pending.size() > maxPerFrame) {
                    // more than one frame carries: a snapshot instead, however many more come
                    roster.overflow = true;
                    roster.pending.clear();
                }
            }
        }
        scheduleFlush(room, roster);
    }

    private void scheduleFlush(String room, RoomRoster roster) {
        boolean schedule;
        synchronized (roster) {
            schedule = !roster.flushScheduled;
            roster.flushScheduled = true;
        }
        if (schedule) {
            vertx.setTimer(flushMillis, id -> flush(room, roster));
        }
    }

    private void flush(String room, RoomRoster roster) {
        long wait = hub.hasMembers(room) ? budget.nanosUntilAvailable(System.nanoTime()) : 0;
        if (wait > 0) {
            // the budget is spent: these changes wait (and gather) until it is paid back
            vertx.setTimer(Math.max(flushMillis, wait / 1_000_000), id -> flush(room, roster));
            return;
        }
        List<Change> changes;
        boolean overflow;
        synchronized (roster) {
            changes = new ArrayList<>(roster.pending.values());
            overflow = roster.overflow;
            roster.pending.clear();
            roster.overflow = false;
            roster.flushScheduled = false;
        }
        if (!hub.hasMembers(room)) {
            rooms.computeIfPresent(room, (id, current) -> current == roster && idle(roster) ? null : current);
        } else if (overflow) {
            startOver(room, roster);
        } else if (!changes.isEmpty()) {
            budget.spend(hub.broadcast(room, RosterFrames.changes(room, changes)), System.nanoTime());
        }
    }

    private static boolean idle(RoomRoster roster) {
        synchronized (roster) {
            return !roster.reading && !roster.flushScheduled && roster.waiting.isEmpty();
        }
    }

    /** A page has joined the room: it gets a snapshot, read with those of pages joining with it. */
    void welcome(ClientSession session, String room) {
        RoomRoster roster = rooms.computeIfAbsent(room, id -> new RoomRoster());
        synchronized (roster) {
            roster.waiting.add(session);
            if (roster.reading) {
                return;
            }
            roster.reading = true;
        }
        read(room, roster);
    }

    /**
     * Every member of the room here starts over from a snapshot (changes were missed), at the next
     * flush the budget allows.
     */
    void resync(String room) {
        if (!hub.hasMembers(room)) {
            return;
        }
        RoomRoster roster = rooms.computeIfAbsent(room, id -> new RoomRoster());
        synchronized (roster) {
            roster.overflow = true;
            roster.pending.clear();
        }
        scheduleFlush(room, roster);
    }

    private void startOver(String room, RoomRoster roster) {
        synchronized (roster) {
            roster.everyone = true;
            if (roster.reading) {
                return;
            }
            roster.reading = true;
        }
        read(room, roster);
    }

    private boolean live(String room) {
        return roomUsers.applyAsLong(room) <= maxLiveUsers;
    }

    /** The room's count was read: a room that was too big to keep live and no longer is, starts over. */
    void counted(String room, long users) {
        RoomRoster roster = rooms.get(room);
        if (roster == null || users > maxLiveUsers) {
            return;
        }
        boolean wake;
        synchronized (roster) {
            wake = roster.dormant;
            roster.dormant = false;
        }
        if (wake) {
            resync(room);
        }
    }

    /** One read for everyone waiting now; whoever starts waiting meanwhile gets the next one. */
    private void read(String room, RoomRoster roster) {
        List<ClientSession> to;
        boolean everyone;
        synchronized (roster) {
            to = roster.waiting;
            roster.waiting = new ArrayList<>();
            everyone = roster.everyone;
            roster.everyone = false;
        }
        store.read(room, maxPerFrame).whenComplete((snapshot, failure) -> {
            if (failure != null) {
                LOG.debugf("could not read the roster of %s: %s", room, failure.getMessage());
            } else {
                String frame = RosterFrames.snapshot(room, snapshot.version(), snapshot.people(), live(room));
                if (everyone) {
                    budget.spend(hub.broadcast(room, frame), System.nanoTime());
                } else {
                    for (ClientSession session : to) {
                        if (room.equals(session.room())) {
                            session.send(frame);
                        }
                    }
                }
            }
            boolean again;
            synchronized (roster) {
                again = !roster.waiting.isEmpty() || roster.everyone;
                roster.reading = again;
            }
            if (again) {
                read(room, roster);
            }
        });
    }

    /** The session's user has a new name: the room hears of it if the user is present there. */
    void renamed(ClientSession session) {
        String room = session.room();
        if (room != null) {
            store.rename(room, session.user().id(), session.user().name()).exceptionally(failure -> null);
        }
    }

    void forget(String room) {
        rooms.remove(room);
    }
}
