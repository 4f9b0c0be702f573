package dev.chat.bench.bare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A bare Vert.x broadcaster: what issue 8 calls the cheapest correct server, the yardstick for
 * the chat node. It speaks the part of docs/protocol.md the generator uses ({@code welcome};
 * {@code join} → {@code joined}; {@code send} → a {@code message} to every member of the room,
 * the sender included, ids growing per room) and nothing else: no Redis, no history, no limits,
 * no presence, one process. {@code bench/run --bare} runs a scenario with it in place of the chat
 * nodes, behind the same gateway and generator: what is left is what the box costs around any
 * server (nginx, the generator, the kernel's loopback TCP), so a target no server could reach on
 * this box shows as such.
 *
 * <p>Members are kept per event loop: a message is handed once to each loop that has members of
 * the room, in id order (under the room's lock), and each loop writes it to its own members with
 * Vert.x' public API ({@code writeTextMessage}).
 */
final class BareBroadcaster extends AbstractVerticle {

    /** Every room's members, per event loop; shared by the instances. */
    static final class Rooms {
        final Map<String, Room> byId = new ConcurrentHashMap<>();
        final List<BareBroadcaster> loops = new CopyOnWriteArrayList<>();
        final AtomicLong users = new AtomicLong();
    }

    private static final class Room {
        long seq;
        /** Members per loop; read and written only on that loop. */
        final Map<BareBroadcaster, List<ServerWebSocket>> members = new ConcurrentHashMap<>();
    }

    private final Rooms rooms;
    private final String node;
    private final String host;
    private final int port;
    private Context loop;
    /** This loop's connections → their room, only on this loop. */
    private final Map<ServerWebSocket, String> roomOf = new HashMap<>();

    BareBroadcaster(Rooms rooms, String node, String host, int port) {
        this.rooms = rooms;
        this.node = node;
        this.host = host;
        this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
        loop = context;
        rooms.loops.add(this);
        vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setMaxWebSocketMessageSize(65536))
                .webSocketHandler(this::onSocket).requestHandler(BareBroadcaster::onRequest).listen()
                .<Void>mapEmpty().onComplete(started);
    }

    private static void onRequest(HttpServerRequest request) {
        if (request.path().startsWith("/q/health")) {
            request.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void onSocket(ServerWebSocket ws) {
        if (!ws.path().equals("/ws")) {
            ws.reject(404);
            return;
        }
        long n = rooms.users.incrementAndGet();
        JsonObject user = new JsonObject().put("id", "f-" + n).put("name", "Bare " + n);
        ws.writeTextMessage(new JsonObject().put("type", "welcome").put("user", user).put("node", node)
                .put("token", "bare-" + n).encode());
        ws.textMessageHandler(text -> onText(ws, user, text));
        ws.closeHandler(v -> leave(ws));
    }

    private void onText(ServerWebSocket ws, JsonObject user, String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (RuntimeException e) {
            error(ws, "bad_request");
            return;
        }
        switch (String.valueOf(frame.getValue("type"))) {
            case "join" -> join(ws, frame.getString("room"));
            case "send" -> send(ws, user, frame);
            default -> error(ws, "bad_request");
        }
    }

    private void join(ServerWebSocket ws, String id) {
        if (id == null) {
            error(ws, "bad_request");
            return;
        }
        leave(ws);
        Room room = rooms.byId.computeIfAbsent(id, k -> new Room());
        room.members.computeIfAbsent(this, k -> new ArrayList<>()).add(ws);
        roomOf.put(ws, id);
        // other loops' lists are read without their loop: a count near the truth, which the
        // generator does not read
        int users = room.members.values().stream().mapToInt(List::size).sum();
        ws.writeTextMessage(new JsonObject().put("type", "joined").put("room", id).put("history", new JsonArray())
                .put("users", users).put("recovered", true).encode());
    }

    private void leave(ServerWebSocket ws) {
        String id = roomOf.remove(ws);
        Room room = id == null ? null : rooms.byId.get(id);
        List<ServerWebSocket> here = room == null ? null : room.members.get(this);
        if (here != null) {
            here.remove(ws);
        }
    }

    private void send(ServerWebSocket ws, JsonObject user, JsonObject frame) {
        String id = roomOf.get(ws);
        Room room = id == null ? null : rooms.byId.get(id);
        if (room == null || !(frame.getValue("text") instanceof String text)) {
            error(ws, room == null ? "not_in_room" : "bad_request");
            return;
        }
        synchronized (room) {
            // under the lock, so that every loop is handed the room's messages in id order
            JsonObject message = new JsonObject().put("type", "message").put("room", id)
                    .put("id", Long.toString(++room.seq)).put("user", user).put("text", text)
                    .put("ts", System.currentTimeMillis());
            if (frame.getValue("clientId") instanceof String clientId) {
                message.put("clientId", clientId);
            }
            String encoded = message.encode();
            for (BareBroadcaster target : room.members.keySet()) {
                target.loop.runOnContext(v -> target.writeAll(room, encoded));
            }
        }
    }

    private void writeAll(Room room, String encoded) {
        List<ServerWebSocket> here = room.members.get(this);
        if (here != null) {
            for (ServerWebSocket member : here) {
                member.writeTextMessage(encoded);
            }
        }
    }

    private static void error(ServerWebSocket ws, String code) {
        ws.writeTextMessage(new JsonObject().put("type", "error").put("code", code).put("message", code).encode());
    }
}
