package dev.chat.cli.session;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who is in the current room, from the server's {@code roster} frames, by the page's rules
 * (frontend/js/roster.js, docs/protocol.md "Who is here"): a snapshot ({@code reset}) and then
 * changes, each with the version it was made at. A change is applied only when it is newer than
 * what is known about that user (a snapshot counts as known at its version), so frames that cross
 * on the way still end in the right list. A big room's snapshot lists only some users; the others
 * are counted ("and N more") from the room's user count. Pure; not thread-safe.
 */
final class Roster {

    /** How many gone users are remembered past the last snapshot, at most (as the page). */
    static final int MAX_TOMBSTONES = 5000;

    private static final Collator NAMES = Collator.getInstance(Locale.ROOT);

    /** One person as {@code /who} shows them. */
    record Person(String id, String name, boolean own) {
    }

    /** The people to show (own identities first, then by name) and how many more the room has. */
    record View(List<Person> shown, long more) {
    }

    private record Known(String name, long v) {
    }

    private long base;
    private final Map<String, Known> people = new HashMap<>();
    /** id → version of users gone after the last snapshot, oldest first. */
    private final Map<String, Long> gone = new LinkedHashMap<>();

    Roster() {
        clear();
    }

    /** Another room: nobody is known to be in it yet. */
    void clear() {
        base = -1;
        people.clear();
        gone.clear();
    }

    /** Whether a snapshot has come since the last {@link #clear}. */
    boolean known() {
        return base >= 0;
    }

    /** Applies a {@code roster} frame; returns whether the list changed. */
    boolean apply(JsonNode frame) {
        if (frame == null || !frame.isObject()) {
            return false;
        }
        return frame.path("reset").asBoolean(false) ? reset(frame) : change(frame);
    }

    private boolean reset(JsonNode frame) {
        Long v = version(frame.path("v"));
        if (v == null || v < base) {
            return false; // an older snapshot than one we have
        }
        base = v;
        people.values().removeIf(person -> person.v() <= v);
        gone.values().removeIf(goneAt -> goneAt <= v);
        for (JsonNode entry : frame.path("here")) {
            String id = id(entry);
            if (id == null || !entry.path("name").isTextual() || gone.getOrDefault(id, -1L) > v) {
                continue;
            }
            Known known = people.get(id);
            if (known == null || known.v() <= v) {
                people.put(id, new Known(entry.get("name").asText(), v));
            }
        }
        return true;
    }

    private boolean change(JsonNode frame) {
        boolean changed = false;
        for (JsonNode entry : frame.path("here")) {
            String id = id(entry);
            Long v = version(entry.path("v"));
            if (id == null || v == null || !entry.path("name").isTextual()) {
                continue;
            }
            Known known = people.get(id);
            if ((known != null ? known.v() >= v : v <= base) || gone.getOrDefault(id, -1L) >= v) {
                continue;
            }
            people.put(id, new Known(entry.get("name").asText(), v));
            gone.remove(id);
            changed = true;
        }
        for (JsonNode entry : frame.path("gone")) {
            String id = id(entry);
            Long v = version(entry.path("v"));
            if (id == null || v == null) {
                continue;
            }
            Known known = people.get(id);
            if ((known != null && known.v() >= v) || (known == null && v <= base)) {
                continue;
            }
            if (known != null) {
                people.remove(id);
                changed = true;
            }
            gone.put(id, v);
            if (gone.size() > MAX_TOMBSTONES) {
                Iterator<String> oldest = gone.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return changed;
    }

    /**
     * @param users  the room's count ({@code joined}/{@code presence}), null when unknown
     * @param ownIds this client's identities, shown first and marked
     * @param limit  how many people to list at most
     */
    View view(Long users, Set<String> ownIds, int limit) {
        List<Person> all = new ArrayList<>(people.size());
        people.forEach((id, known) -> all.add(new Person(id, known.name(), ownIds.contains(id))));
        all.sort(Comparator.comparing((Person p) -> !p.own()).thenComparing(Person::name, NAMES)
                .thenComparing(Person::id));
        List<Person> shown = List.copyOf(all.subList(0, Math.min(all.size(), Math.max(0, limit))));
        long total = users == null ? all.size() : Math.max(users, all.size());
        return new View(shown, total - shown.size());
    }

    private static String id(JsonNode entry) {
        JsonNode id = entry.path("id");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
    }

    /** A version: a whole number (the node sends them as JSON numbers, below 2^53). */
    private static Long version(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : null;
    }
}
