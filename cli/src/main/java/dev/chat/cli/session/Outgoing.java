package dev.chat.cli.session;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The frames the client sends, and the messages typed but not yet confirmed ({@link Outbox}):
 * each message keeps its {@code clientId}, so sending it again after a reconnect or a refusal
 * never doubles it.
 */
final class Outgoing {

    private final Session.Sender sender;
    private final Supplier<String> clientIds;
    private final Outbox outbox = new Outbox();

    Outgoing(Session.Sender sender, Supplier<String> clientIds) {
        this.sender = sender;
        this.clientIds = clientIds;
    }

    /** Keeps a typed message for the room until the room has it; its client id. */
    String keep(String room, String text) {
        String clientId = clientIds.get();
        outbox.add(new Outbox.Entry(clientId, room, text));
        return clientId;
    }

    void send(String clientId, String text) {
        sender.send(frame("send").put("text", text).put("clientId", clientId));
    }

    /** Every message of the room not confirmed yet, again, oldest first. */
    void resend(String room) {
        for (Outbox.Entry entry : outbox.forRoom(room)) {
            send(entry.clientId(), entry.text());
        }
    }

    /** The room has this message (live or in a {@code joined} history): it is not sent again. */
    void confirmed(JsonNode message) {
        outbox.acknowledge(message.path("clientId").asText(null));
    }

    /** The room is gone: what was typed for it is dropped. */
    void dropRoom(String room) {
        outbox.dropRoom(room);
    }

    /** @param since the last message seen, or null for the newest */
    void join(String room, Long since) {
        ObjectNode frame = frame("join").put("room", room);
        if (since != null) {
            frame.put("since", Long.toString(since));
        }
        sender.send(frame);
    }

    /** False when there is no connection. */
    boolean nick(String name) {
        return sender.send(frame("nick").put("name", name));
    }

    private static ObjectNode frame(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }
}
