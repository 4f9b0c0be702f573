package dev.chat.node.broker;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.chat.testing.RedisTestResource;
import dev.chat.testing.WsClient;

/**
 * Pub/sub is at-most-once: when the subscriber connection is cut, the node must reconnect,
 * resubscribe and deliver what was published meanwhile from history, each message exactly once.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class SubscriberReconnectTest {

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    Redis redis;

    @Test
    void messagesPublishedWhileTheSubscriberWasCutArriveOnceAndInOrder() {
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        String tag = UUID.randomUUID().toString();
        try (WsClient sender = WsClient.connect(ws); WsClient reader = WsClient.connect(ws)) {
            for (WsClient c : List.of(sender, reader)) {
                c.next("welcome");
                c.join("general");
                c.next("joined");
            }
            redis.send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).toCompletionStage()
                    .toCompletableFuture().join();
            sendThirtyAndReadEachOnceInOrder(sender, reader, tag);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    /** 30 messages from sender; the reader gets each once, in order (from the channel or from history). */
    static void sendThirtyAndReadEachOnceInOrder(WsClient sender, WsClient reader, String tag) {
        for (int i = 0; i < 30; i++) {
            sender.say(tag + " " + i);
        }
        for (int i = 0; i < 30; i++) {
            String expected = tag + " " + i;
            reader.next("message", m -> m.get("text").asText().equals(expected), Duration.ofSeconds(15));
        }
        List<String> got = reader.seen("message").stream().map(m -> m.get("text").asText())
                .filter(t -> t.startsWith(tag)).toList();
        assertEquals(IntStream.range(0, 30).mapToObj(i -> tag + " " + i).toList(), got, "each once, in order");
    }
}
