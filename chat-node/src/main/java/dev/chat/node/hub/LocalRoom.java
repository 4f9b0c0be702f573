package dev.chat.node.hub;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The members of one room on this node and the room's delivery position; guarded by itself. */
final class LocalRoom {

    static final long UNKNOWN = -1;

    final String id;
    final Set<ClientSession> members = new LinkedHashSet<>();
    final Map<String, Integer> sessionsPerUser = new HashMap<>();
    long lastSeq = UNKNOWN;
    boolean filling;
    final TreeMap<Long, String> held = new TreeMap<>();
    long usersSent = -1;

    LocalRoom(String id) {
        this.id = id;
    }

    void deliver(long seq, String frame) {
        for (ClientSession member : members) {
            member.deliver(seq, frame);
        }
        lastSeq = seq;
    }

    void broadcast(String frame) {
        for (ClientSession member : members) {
            if (member.pending == null) {
                member.send(frame);
            }
        }
    }
}
