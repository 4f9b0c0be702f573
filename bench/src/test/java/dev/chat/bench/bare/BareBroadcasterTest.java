package dev.chat.bench.bare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.ServerSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

/** The bare broadcaster speaks the generator's part of the protocol, over two event loops. */
class BareBroadcasterTest {

    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        BareBroadcaster.Rooms rooms = new BareBroadcaster.Rooms();
        await(vertx.deployVerticle(() -> new BareBroadcaster(rooms, "bare-test", "127.0.0.1", port),
                new DeploymentOptions().setInstances(2)));
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A client and the frames it received, in order. */
    private record Client(WebSocket socket, BlockingQueue<JsonObject> frames) {

        JsonObject next(String type) throws InterruptedException {
            for (int i = 0; i < 20; i++) {
                JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
                assertNotNull(frame, "no frame within 10 s, waiting for " + type);
                if (type.equals(frame.getString("type"))) {
                    return frame;
                }
            }
            throw new AssertionError("no " + type + " among 20 frames");
        }

        void send(JsonObject frame) {
            socket.writeTextMessage(frame.encode());
        }
    }

    private Client connect() {
        BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        // the handler is set on the event loop as the socket opens, so the welcome cannot pass it by
        WebSocket socket = await(vertx.createHttpClient().webSocket(port, "127.0.0.1", "/ws")
                .onSuccess(opened -> opened.textMessageHandler(text -> frames.add(new JsonObject(text)))));
        return new Client(socket, frames);
    }

    @Test
    void aMessageReachesEveryMemberOfItsRoomOnlyWithIdsGrowingPerRoom() throws Exception {
        // several clients, so that members sit on both event loops
        Client a = connect(), b = connect(), c = connect(), d = connect();
        for (Client client : new Client[] { a, b, c, d }) {
            assertEquals("bare-test", client.next("welcome").getString("node"));
        }
        for (Client client : new Client[] { a, b, c }) {
            client.send(new JsonObject().put("type", "join").put("room", "r1"));
            assertEquals("r1", client.next("joined").getString("room"));
        }
        d.send(new JsonObject().put("type", "join").put("room", "r2"));
        d.next("joined");

        a.send(new JsonObject().put("type", "send").put("text", "one \"quoted\" <b>").put("clientId", "c1"));
        for (Client member : new Client[] { a, b, c }) {
            JsonObject first = member.next("message");
            assertEquals("one \"quoted\" <b>", first.getString("text"));
            assertEquals("c1", first.getString("clientId"));
            assertEquals("r1", first.getString("room"));
            assertEquals("1", first.getString("id"));
        }
        b.send(new JsonObject().put("type", "send").put("text", "two"));
        for (Client member : new Client[] { a, b, c }) {
            JsonObject second = member.next("message");
            assertEquals("two", second.getString("text"));
            assertEquals("2", second.getString("id"));
        }
        // the other room has its own ids and saw neither
        d.send(new JsonObject().put("type", "send").put("text", "elsewhere"));
        JsonObject own = d.next("message");
        assertEquals("elsewhere", own.getString("text"));
        assertEquals("1", own.getString("id"));
        assertFalse(d.frames().stream().anyMatch(f -> "message".equals(f.getString("type"))));

        // a member who leaves for another room gets nothing more from the first
        c.send(new JsonObject().put("type", "join").put("room", "r2"));
        c.next("joined");
        a.send(new JsonObject().put("type", "send").put("text", "three"));
        assertEquals("three", b.next("message").getString("text"));
        d.send(new JsonObject().put("type", "send").put("text", "four"));
        assertEquals("four", c.next("message").getString("text"), "c's first message since it moved is r2's");
    }

    @Test
    void badFramesGetAnErrorAndTheHealthCheckAnswers() throws Exception {
        Client a = connect();
        a.next("welcome");
        a.socket().writeTextMessage("not json");
        assertEquals("bad_request", a.next("error").getString("code"));
        a.send(new JsonObject().put("type", "send").put("text", "before any join"));
        assertEquals("not_in_room", a.next("error").getString("code"));
        int status = await(vertx.createHttpClient().request(HttpMethod.GET, port, "127.0.0.1", "/q/health/ready")
                .compose(request -> request.send()).map(response -> response.statusCode()));
        assertEquals(200, status);
    }
}
