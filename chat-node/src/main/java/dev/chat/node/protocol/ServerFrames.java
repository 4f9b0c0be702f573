package dev.chat.node.protocol;

import java.util.List;

import static dev.chat.contract.MessageFrames.quote;

import dev.chat.contract.MessageFrames;
import dev.chat.node.identity.User;

/**
 * Writes the server frames other than {@code message} (see {@link MessageFrames}) as strings,
 * once per frame, whoever receives them.
 */
public final class ServerFrames {

    private ServerFrames() {
    }

    public static String userJson(User user) {
        return MessageFrames.userJson(user.id(), user.name());
    }

    public static String welcome(User user, String nodeId, String token) {
        return "{\"type\":\"welcome\",\"user\":" + userJson(user) + ",\"node\":" + quote(nodeId) + ",\"token\":"
                + quote(token) + "}";
    }

    /**
     * {@link #welcome} with the typing rule: signals are relayed in rooms of up to
     * {@code maxUsers} users, one per {@code everyMs} per user.
     */
    public static String welcome(User user, String nodeId, String token, int typingMaxUsers, long typingEveryMs) {
        String plain = welcome(user, nodeId, token);
        return plain.substring(0, plain.length() - 1) + ",\"typing\":{\"maxUsers\":" + typingMaxUsers
                + ",\"everyMs\":" + typingEveryMs + "}}";
    }

    /** The user's identity changed (a new name): the page stores the new token. */
    public static String identity(User user, String token) {
        return "{\"type\":\"identity\",\"user\":" + userJson(user) + ",\"token\":" + quote(token) + "}";
    }

    public static String cleared(String room, long nextClearAt) {
        return "{\"type\":\"cleared\",\"room\":" + quote(room) + ",\"nextClearAt\":" + nextClearAt + "}";
    }

    public static String expired(String room) {
        return MessageFrames.expired(room);
    }

    /** @param kind {@code join} or {@code leave} */
    public static String notice(String room, String kind, String userJson, long ts) {
        return "{\"type\":\"notice\",\"room\":" + quote(room) + ",\"kind\":" + quote(kind) + ",\"user\":" + userJson
                + ",\"ts\":" + ts + "}";
    }

    /** @param history message frames, oldest first, inserted verbatim */
    public static String joined(String room, List<String> history, long users, boolean recovered) {
        return joined(room, history, users, recovered, false);
    }

    /** @param truncated older messages were left out to keep the reply within its budget */
    public static String joined(String room, List<String> history, long users, boolean recovered, boolean truncated) {
        StringBuilder sb = new StringBuilder(64 + history.stream().mapToInt(String::length).sum() + history.size());
        sb.append("{\"type\":\"joined\",\"room\":").append(quote(room)).append(",\"history\":[");
        for (int i = 0; i < history.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(history.get(i));
        }
        sb.append("],\"users\":").append(users).append(",\"recovered\":").append(recovered);
        return (truncated ? sb.append(",\"truncated\":true") : sb).append('}').toString();
    }

    public static String presence(String room, long users) {
        return "{\"type\":\"presence\",\"room\":" + quote(room) + ",\"users\":" + users + "}";
    }

    /** An error that says when to try again ({@code rate_limited}, {@code busy}). */
    public static String retryLater(ErrorCode code, String message, long retryAfterMs) {
        return "{\"type\":\"error\",\"code\":\"" + code.wire() + "\",\"message\":" + quote(message)
                + ",\"retryAfterMs\":" + retryAfterMs + "}";
    }

    public static String error(ErrorCode code, String message) {
        return "{\"type\":\"error\",\"code\":\"" + code.wire() + "\",\"message\":" + quote(message) + "}";
    }
}
