package dev.chat.node.protocol;

import static dev.chat.contract.MessageFrames.quote;

import java.util.Collection;
import java.util.Map;

/**
 * Writes the {@code roster} frames (who is in the room): a snapshot a page starts from, and the
 * changes since, each change with the version it was made at, so a page applies whatever arrives
 * in any order and keeps the newest word on each user.
 */
public final class RosterFrames {

    /** A user present under {@code name}, or gone when {@code name} is null, as of {@code version}. */
    public record Change(String userId, String name, long version) {
    }

    private RosterFrames() {
    }

    /**
     * @param people id → name, at most the cap; the page counts the others from {@code users}
     * @param live   false for a room too big to be kept live: this sample is all the page gets
     */
    public static String snapshot(String room, long version, Map<String, String> people, boolean live) {
        StringBuilder sb = new StringBuilder(64 + people.size() * 48).append("{\"type\":\"roster\",\"room\":")
                .append(quote(room)).append(",\"reset\":true,\"v\":").append(version)
                .append(live ? "" : ",\"live\":false").append(",\"here\":[");
        boolean first = true;
        for (Map.Entry<String, String> person : people.entrySet()) {
            sb.append(first ? "" : ",").append("{\"id\":").append(quote(person.getKey())).append(",\"name\":")
                    .append(quote(person.getValue())).append('}');
            first = false;
        }
        return sb.append("]}").toString();
    }

    public static String changes(String room, Collection<Change> changes) {
        StringBuilder here = new StringBuilder();
        StringBuilder gone = new StringBuilder();
        for (Change change : changes) {
            StringBuilder to = change.name() == null ? gone : here;
            to.append(to.isEmpty() ? "" : ",").append("{\"id\":").append(quote(change.userId()));
            if (change.name() != null) {
                to.append(",\"name\":").append(quote(change.name()));
            }
            to.append(",\"v\":").append(change.version()).append('}');
        }
        return "{\"type\":\"roster\",\"room\":" + quote(room) + ",\"here\":[" + here + "],\"gone\":[" + gone + "]}";
    }
}
