package dev.chat.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat client for tests: every frame it receives is kept, in order, and can be awaited with a
 * timeout. Built on the JDK's WebSocket client, so it is the same outside Quarkus (cluster tests).
 */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private final WebSocket socket;

    private WsClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public static WsClient connect(URI uri) {
        return new WsClient(uri, Map.of());
    }

    /** With extra upgrade headers, e.g. {@code Origin}. */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        return new WsClient(uri, headers);
    }

    public WebSocket socket() {
        return socket;
    }

    public void sendJson(String json) {
        socket.sendText(json, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    public void join(String room) {
        sendJson(object().put("type", "join").put("room", room).toString());
    }

    public void join(String room, String since) {
        sendJson(object().put("type", "join").put("room", room).put("since", since).toString());
    }

    public void say(String text) {
        sendJson(object().put("type", "send").put("text", text).toString());
    }

    public void say(String text, String clientId) {
        sendJson(object().put("type", "send").put("text", text).put("clientId", clientId).toString());
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The next frame of that type; frames of other types before it are kept in {@link #seen()}. */
    public JsonNode next(String type) {
        return next(type, frame -> true);
    }

    public JsonNode next(String type, Predicate<JsonNode> matching) {
        return next(type, matching, Duration.ofSeconds(10));
    }

    public JsonNode next(String type, Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode frame;
            try {
                frame = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (frame == null) {
                throw new AssertionError("no '" + type + "' frame within " + timeout + "; saw " + seen());
            }
            if (type.equals(frame.path("type").asText()) && matching.test(frame)) {
                return frame;
            }
        }
    }

    /** Every frame received so far, including ones already returned by {@link #next}. */
    public synchronized List<JsonNode> seen() {
        return List.copyOf(seen);
    }

    public List<JsonNode> seen(String type) {
        return seen().stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    /** The reason the server gave with its close frame, null before (or without) one. */
    public String closeReason() {
        return closeReason;
    }

    /** The close code the server sent, once closed. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = MAPPER.readTree(partial.toString());
                    synchronized (WsClient.this) {
                        seen.add(frame);
                    }
                    inbox.add(frame);
                } catch (Exception e) {
                    inbox.add(object().put("type", "unparseable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
