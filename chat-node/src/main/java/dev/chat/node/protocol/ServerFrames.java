package dev.chat.node.protocol;

import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.chat.node.identity.User;

/**
 * Writes server frames as strings, once per frame: a message is serialised by the node that
 * accepts it and then travels as-is through Redis to every node and socket.
 */
public final class ServerFrames {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private ServerFrames() {
    }

    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        ENCODER.quoteAsString(value, sb);
        return sb.append('"').toString();
    }

    public static String userJson(User user) {
        return "{\"id\":" + quote(user.id()) + ",\"name\":" + quote(user.name()) + "}";
    }

    public static String welcome(User user, String nodeId, String token) {
        return "{\"type\":\"welcome\",\"user\":" + userJson(user) + ",\"node\":" + quote(nodeId) + ",\"token\":"
                + quote(token) + "}";
    }

    /** The user's identity changed (a new name): the page stores the new token. */
    public static String identity(User user, String token) {
        return "{\"type\":\"identity\",\"user\":" + userJson(user) + ",\"token\":" + quote(token) + "}";
    }

    public static String cleared(String room, long nextClearAt) {
        return "{\"type\":\"cleared\",\"room\":" + quote(room) + ",\"nextClearAt\":" + nextClearAt + "}";
    }

    public static String expired(String room) {
        return "{\"type\":\"expired\",\"room\":" + quote(room) + "}";
    }

    /** @param kind {@code join} or {@code leave} */
    public static String notice(String room, String kind, String userJson, long ts) {
        return "{\"type\":\"notice\",\"room\":" + quote(room) + ",\"kind\":" + quote(kind) + ",\"user\":" + userJson
                + ",\"ts\":" + ts + "}";
    }

    /** @param history message frames, oldest first, inserted verbatim */
    public static String joined(String room, List<String> history, long users, boolean recovered) {
        StringBuilder sb = new StringBuilder(64 + history.stream().mapToInt(String::length).sum() + history.size());
        sb.append("{\"type\":\"joined\",\"room\":").append(quote(room)).append(",\"history\":[");
        for (int i = 0; i < history.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(history.get(i));
        }
        return sb.append("],\"users\":").append(users).append(",\"recovered\":").append(recovered).append('}')
                .toString();
    }

    public static String presence(String room, long users) {
        return "{\"type\":\"presence\",\"room\":" + quote(room) + ",\"users\":" + users + "}";
    }

    public static String error(ErrorCode code, String message) {
        return "{\"type\":\"error\",\"code\":\"" + code.wire() + "\",\"message\":" + quote(message) + "}";
    }

    /**
     * A message frame without its id, which only Redis can assign: the send script joins
     * {@code head + id + tail}.
     */
    public record MessageParts(String head, String tail) {

        public String withId(long id) {
            return head + id + tail;
        }
    }

    public static MessageParts message(String room, String userJson, String text, long ts, String clientId) {
        String head = "{\"type\":\"message\",\"room\":" + quote(room) + ",\"id\":\"";
        StringBuilder tail = new StringBuilder(text.length() + userJson.length() + 64).append("\",\"user\":")
                .append(userJson).append(",\"text\":").append(quote(text)).append(",\"ts\":").append(ts);
        if (clientId != null) {
            tail.append(",\"clientId\":").append(quote(clientId));
        }
        return new MessageParts(head, tail.append('}').toString());
    }
}
