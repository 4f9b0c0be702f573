package dev.chat.node.hub;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The members of one room on this node and the room's delivery position; guarded by itself. The
 * members are also kept grouped by event loop, as arrays that are replaced, never changed, on a
 * join or leave: a delivery hands each loop its array once, and the loop's task reads it without
 * a lock while the room goes on changing.
 */
final class LocalRoom {

    static final long UNKNOWN = -1;
    private static final ClientSession[] NONE = new ClientSession[0];

    final String id;
    final Set<ClientSession> members = new LinkedHashSet<>();
    final Map<String, Integer> sessionsPerUser = new HashMap<>();
    long lastSeq = UNKNOWN;
    boolean filling;
    final TreeMap<Long, String> held = new TreeMap<>();
    long usersSent = -1;

    private LoopOutbox[] loops = new LoopOutbox[0];
    private ClientSession[][] membersOfLoop = new ClientSession[0][];

    LocalRoom(String id) {
        this.id = id;
    }

    void add(ClientSession session) {
        if (!members.add(session)) {
            return;
        }
        int i = loopIndex(session.outbox());
        if (i < 0) {
            i = loops.length;
            loops = Arrays.copyOf(loops, i + 1);
            membersOfLoop = Arrays.copyOf(membersOfLoop, i + 1);
            loops[i] = session.outbox();
            membersOfLoop[i] = NONE;
        }
        ClientSession[] before = membersOfLoop[i];
        ClientSession[] after = Arrays.copyOf(before, before.length + 1);
        after[before.length] = session;
        membersOfLoop[i] = after;
    }

    boolean remove(ClientSession session) {
        if (!members.remove(session)) {
            return false;
        }
        int i = loopIndex(session.outbox());
        ClientSession[] before = membersOfLoop[i];
        ClientSession[] after = new ClientSession[before.length - 1];
        for (int from = 0, to = 0; from < before.length; from++) {
            if (before[from] != session) {
                after[to++] = before[from];
            }
        }
        membersOfLoop[i] = after;
        return true;
    }

    private int loopIndex(LoopOutbox outbox) {
        for (int i = 0; i < loops.length; i++) {
            if (loops[i] == outbox) {
                return i;
            }
        }
        return -1;
    }

    /** Encodes the message once and hands it to each loop with members once. */
    void deliver(long seq, String frame) {
        handOut(seq, frame);
        lastSeq = seq;
    }

    /** A message at or below the room's position, for the members whose cursor is still below it. */
    void redeliver(long seq, String frame) {
        handOut(seq, frame);
    }

    private void handOut(long seq, String frame) {
        Utf8Frame encoded = Utf8Frame.of(frame);
        for (int i = 0; i < loops.length; i++) {
            ClientSession[] group = membersOfLoop[i];
            if (group.length > 0) {
                loops[i].post(() -> {
                    for (ClientSession member : group) {
                        member.deliver(seq, encoded);
                    }
                });
            }
        }
    }

    /**
     * A frame that is not a message (presence, notices), to the members that have joined.
     *
     * @return the bytes handed out: the frame's size times the members it went to (at most)
     */
    long broadcast(String frame) {
        Utf8Frame encoded = Utf8Frame.of(frame);
        long members = 0;
        for (int i = 0; i < loops.length; i++) {
            ClientSession[] group = membersOfLoop[i];
            members += group.length;
            if (group.length > 0) {
                loops[i].post(() -> {
                    for (ClientSession member : group) {
                        if (member.pending == null) {
                            member.sendNow(encoded);
                        }
                    }
                });
            }
        }
        return members * encoded.bytes().length;
    }
}
