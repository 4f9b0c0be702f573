package dev.chat.cli.net;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The room registry's REST API through the gateway (docs/protocol.md): rooms, options, creating a
 * room and the older messages of a room. Every call is asynchronous and fails only with an
 * {@link ApiException} that carries the server's own error text.
 */
public final class Registry {

    /** The header that proves who asks for a room's history (the identity token of {@code welcome}). */
    public static final String IDENTITY_TOKEN = "X-Identity-Token";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Endpoints endpoints;
    private final ObjectMapper json;

    public Registry(HttpClient http, Endpoints endpoints, ObjectMapper json) {
        this.http = http;
        this.endpoints = endpoints;
        this.json = json;
    }

    /** The clear intervals and expiries (seconds) a new room may have. */
    public record Options(List<Long> clearIntervals, List<Long> expiries) {
    }

    public CompletableFuture<List<RoomInfo>> rooms() {
        return get("/api/rooms", null).thenApply(body -> {
            List<RoomInfo> rooms = new ArrayList<>();
            for (JsonNode node : body) {
                RoomInfo room = RoomInfo.from(node);
                if (room != null) {
                    rooms.add(room);
                }
            }
            return rooms;
        });
    }

    public CompletableFuture<RoomInfo> room(String id) {
        return get("/api/rooms/" + encode(id), null).thenApply(RoomInfo::from);
    }

    public CompletableFuture<Options> options() {
        return get("/api/rooms/options", null)
                .thenApply(body -> new Options(longs(body.path("clearIntervals")), longs(body.path("expiries"))));
    }

    public CompletableFuture<RoomInfo> create(String name, long clearIntervalSeconds, long expirySeconds) {
        String body = json.createObjectNode().put("name", name).put("clearIntervalSeconds", clearIntervalSeconds)
                .put("expirySeconds", expirySeconds).put("historyForNewcomers", true).toString();
        HttpRequest request = request("/api/rooms").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request).thenApply(RoomInfo::from);
    }

    /**
     * Messages of the room's current clear period older than {@code before} (null: the newest),
     * newest first, as the {@code message} frames of the WebSocket.
     */
    public CompletableFuture<List<JsonNode>> messages(String room, String before, int limit, String token) {
        String query = "?limit=" + limit + (before == null ? "" : "&before=" + encode(before));
        return get("/api/rooms/" + encode(room) + "/messages" + query, token).thenApply(body -> {
            List<JsonNode> messages = new ArrayList<>();
            body.forEach(messages::add);
            return messages;
        });
    }

    private CompletableFuture<JsonNode> get(String path, String token) {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header(IDENTITY_TOKEN, token);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(endpoints.http(path)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    private CompletableFuture<JsonNode> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new ApiException(0, "the server could not be reached (" + endpoints.origin() + ")");
                    }
                    JsonNode body = parse(response.body());
                    if (response.statusCode() / 100 != 2) {
                        String error = body != null && body.path("error").isTextual() ? body.get("error").asText()
                                : "the server answered HTTP " + response.statusCode();
                        throw new ApiException(response.statusCode(), error);
                    }
                    if (body == null) {
                        throw new ApiException(response.statusCode(), "the server's answer was not JSON");
                    }
                    return body;
                });
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> {
            if (v.canConvertToLong()) {
                values.add(v.asLong());
            }
        });
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The {@link ApiException} behind a failed future, or one that says what went wrong otherwise. */
    public static ApiException failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof ApiException api ? api : new ApiException(0, String.valueOf(cause.getMessage()));
    }
}
