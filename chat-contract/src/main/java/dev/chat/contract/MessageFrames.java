package dev.chat.contract;

import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The frames both services write: {@code message}, written once by whoever accepts a message (a
 * chat node, or the registry for bots) and then sent as-is to every socket, and {@code expired},
 * which a node writes for a room that timed out and the registry for a room it deleted. A
 * message's id is only known inside Redis, so its frame is built in two parts that
 * {@code send.lua} joins around the id.
 */
public final class MessageFrames {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private MessageFrames() {
    }

    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        ENCODER.quoteAsString(value, sb);
        return sb.append('"').toString();
    }

    public static String userJson(String id, String name) {
        return "{\"id\":" + quote(id) + ",\"name\":" + quote(name) + "}";
    }

    /** The room is gone (it expired or its owner deleted it). */
    public static String expired(String room) {
        return "{\"type\":\"expired\",\"room\":" + quote(room) + "}";
    }

    /** The frame without its id: {@code head + id + tail}. */
    public record Parts(String head, String tail) {

        public String withId(long id) {
            return head + id + tail;
        }
    }

    /**
     * @param clientId null when the sender gave none
     * @param attachmentIds ids already checked to belong to the room
     */
    public static Parts message(String room, String userJson, String text, long ts, String clientId,
            List<String> attachmentIds) {
        String head = "{\"type\":\"message\",\"room\":" + quote(room) + ",\"id\":\"";
        StringBuilder tail = new StringBuilder(text.length() + userJson.length() + 64).append("\",\"user\":")
                .append(userJson).append(",\"text\":").append(quote(text)).append(",\"ts\":").append(ts);
        if (clientId != null) {
            tail.append(",\"clientId\":").append(quote(clientId));
        }
        if (!attachmentIds.isEmpty()) {
            tail.append(",\"attachments\":[");
            for (int i = 0; i < attachmentIds.size(); i++) {
                String id = quote(attachmentIds.get(i));
                tail.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"url\":")
                        .append(quote("/api/attachments/" + attachmentIds.get(i))).append('}');
            }
            tail.append(']');
        }
        return new Parts(head, tail.append('}').toString());
    }
}
