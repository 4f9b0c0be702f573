package dev.chat.cli.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages typed but not yet seen coming back from the room, by {@code clientId}, oldest first
 * (frontend/js/outbox.js): after a reconnect they are sent again with the same id, and the server
 * stores each only once, so nothing typed is lost or doubled by a broken connection.
 */
final class Outbox {

    record Entry(String clientId, String room, String text) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    void add(Entry entry) {
        entries.put(entry.clientId(), entry);
    }

    /** True when {@code clientId} was pending (the room has it now). */
    boolean acknowledge(String clientId) {
        return clientId != null && entries.remove(clientId) != null;
    }

    List<Entry> forRoom(String room) {
        List<Entry> mine = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.room().equals(room)) {
                mine.add(entry);
            }
        }
        return mine;
    }

    void dropRoom(String room) {
        entries.values().removeIf(entry -> entry.room().equals(room));
    }

    int size() {
        return entries.size();
    }
}
