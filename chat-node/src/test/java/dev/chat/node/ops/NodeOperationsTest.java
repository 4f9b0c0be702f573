package dev.chat.node.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.chat.contract.RedisKeys;
import dev.chat.contract.RoomMeta;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.metrics.Scrape;
import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/**
 * What an operator sees of a running node: the chat_* series at /q/metrics move with what clients
 * do, and the heartbeat in Redis carries the same figures with a TTL.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class NodeOperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    Redis redis;

    @Inject
    NodeConfig config;

    private WsClient connect() {
        WsClient client = WsClient.connect(URI.create(http.toString().replaceFirst("^http", "ws")));
        client.next("welcome");
        return client;
    }

    private static double metric(String series) {
        return Scrape.value(given().get("/q/metrics").then().statusCode(200).extract().asString(), series);
    }

    private Response redis(Request request) {
        return redis.send(request).toCompletionStage().toCompletableFuture().join();
    }

    private String room() {
        String id = "m" + UUID.randomUUID().toString().substring(0, 8);
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        Request hset = Request.cmd(Command.HSET).arg(keys.meta(id));
        new RoomMeta(id, "Room " + id, 300, null, System.currentTimeMillis(), true).toHash()
                .forEach((k, v) -> hset.arg(k).arg(v));
        redis.batch(List.of(hset, Request.cmd(Command.SADD).arg(keys.roomIndex()).arg(id)))
                .toCompletionStage().toCompletableFuture().join();
        return id;
    }

    @Test
    void metricsFollowSendsDeliveriesErrorsAndCloses() {
        double received = metric("chat_messages_received_total");
        double delivered = metric("chat_messages_delivered_total");
        double timed = metric("chat_send_seconds_count");
        double notInRoom = metric("chat_errors_total{code=\"not_in_room\"}");
        double tooBig = metric("chat_closes_total{code=\"1009\"}");
        String room = room();
        try (WsClient a = connect(); WsClient b = connect()) {
            a.say("before joining");
            a.next("error", e -> "not_in_room".equals(e.get("code").asText()));
            a.join(room);
            a.next("joined");
            b.join(room);
            b.next("joined");
            Awaitility.await().atMost(WAIT).until(() -> metric("chat_connections") >= 2);
            assertTrue(metric("chat_rooms_local") >= 1);
            a.say("hello metrics");
            a.next("message");
            b.next("message");
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                assertEquals(received + 2, metric("chat_messages_received_total"), "both send frames");
                assertEquals(delivered + 2, metric("chat_messages_delivered_total"), "one message, two members");
                assertEquals(timed + 1, metric("chat_send_seconds_count"), "only the accepted send reached the script");
                assertEquals(notInRoom + 1, metric("chat_errors_total{code=\"not_in_room\"}"));
            });
            a.sendJson("{\"type\":\"send\",\"text\":\"" + "x".repeat(20_000) + "\"}");
            assertEquals(1009, a.closed().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
            Awaitility.await().atMost(WAIT)
                    .untilAsserted(() -> assertEquals(tooBig + 1, metric("chat_closes_total{code=\"1009\"}")));
        }
    }

    @Test
    void theHeartbeatCarriesTheNodesFiguresAndExpires() {
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        String key = keys.opsNode("test-node");
        try (WsClient a = connect()) {
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                Response value = redis(Request.cmd(Command.GET).arg(key));
                assertTrue(value != null, "a heartbeat under " + key);
                JsonObject beat = new JsonObject(value.toString());
                assertEquals("test-node", beat.getString("node"));
                assertTrue(beat.getInteger("connections") >= 1, beat.encode());
                assertEquals(60, beat.getJsonObject("history").getJsonArray("received").size());
                assertEquals(10_000, beat.getJsonObject("history").getLong("stepMs"));
            });
        }
        long ttl = redis(Request.cmd(Command.PTTL).arg(key)).toLong();
        assertTrue(ttl > 0 && ttl <= 10_000, "expires with chat.ops.heartbeat-ttl: " + ttl);
        Response lapse = redis(Request.cmd(Command.ZSCORE).arg(keys.opsNodes()).arg("test-node"));
        assertTrue(lapse != null && lapse.toLong() > System.currentTimeMillis(), "indexed until it lapses");
    }
}
