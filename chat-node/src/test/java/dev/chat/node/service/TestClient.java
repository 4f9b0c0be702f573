package dev.chat.node.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Outbound;

/**
 * A connection to a {@link TestNode} without a socket: records the frames it is sent and, when the
 * node closes it, closes it back the way the WebSocket endpoint does.
 */
final class TestClient implements Outbound {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestNode node;
    final List<String> frames = new CopyOnWriteArrayList<>();
    volatile Integer closedWith;
    ClientSession session;

    TestClient(TestNode node) {
        this.node = node;
    }

    @Override
    public void send(String frame) {
        frames.add(frame);
    }

    @Override
    public void close(int code, String reason) {
        if (closedWith == null) {
            closedWith = code;
            if (session != null) {
                node.chat.commands().close(session); // as ChatSocket's @OnClose does
            }
        }
    }

    /** Sends a frame and waits until the node has handled it. */
    TestClient say(String frame) {
        node.chat.commands().onText(session, frame).toCompletableFuture().join();
        return this;
    }

    TestClient join(String room) {
        return say("{\"type\":\"join\",\"room\":\"" + room + "\"}");
    }

    TestClient send(String text, String clientId) {
        return say("{\"type\":\"send\",\"text\":\"" + text + "\"" + (clientId == null ? "" : ",\"clientId\":\"" + clientId + "\"")
                + "}");
    }

    /** The frames of this type, parsed, in the order received. */
    List<JsonNode> of(String type) {
        return frames.stream().map(TestClient::parse).filter(f -> type.equals(f.path("type").asText())).toList();
    }

    JsonNode last(String type) {
        List<JsonNode> found = of(type);
        if (found.isEmpty()) {
            throw new AssertionError("no " + type + " frame in " + frames);
        }
        return found.get(found.size() - 1);
    }

    List<String> messageTexts() {
        return of("message").stream().map(m -> m.path("text").asText()).toList();
    }

    private static JsonNode parse(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (java.io.IOException e) {
            throw new AssertionError(frame, e);
        }
    }
}
