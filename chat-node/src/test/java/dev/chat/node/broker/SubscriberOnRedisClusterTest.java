package dev.chat.node.broker;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.chat.contract.RedisKeys;
import dev.chat.testing.RedisClusterServer;
import dev.chat.testing.RedisClusterTestResource;
import dev.chat.testing.WsClient;

/**
 * The node on a real 3-master Redis Cluster ({@code quarkus.redis.client-type=cluster}): a room's
 * channel is subscribed (SSUBSCRIBE) on the master that owns its slot and nowhere else, and when
 * every subscriber connection is cut the node reconnects to each master, resubscribes and delivers
 * what was published meanwhile from history, each message once and in order.
 */
@QuarkusTest
@WithTestResource(RedisClusterTestResource.class)
class SubscriberOnRedisClusterTest {

    @TestHTTPResource("/ws")
    URI http;

    @ConfigProperty(name = "chat.redis.key-prefix")
    String prefix;

    @Test
    void aRoomIsSubscribedOnItsOwnerAndMessagesSurviveCutSubscribers() {
        RedisClusterServer redis = RedisClusterServer.shared();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        String tag = UUID.randomUUID().toString();
        String channel = new RedisKeys(prefix).channel("general");
        try (WsClient sender = WsClient.connect(ws); WsClient reader = WsClient.connect(ws)) {
            for (WsClient c : List.of(sender, reader)) {
                c.next("welcome");
                c.join("general");
                c.next("joined");
            }
            int owner = redis.ownerOf(channel);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> redis.cli(owner, "pubsub", "shardchannels").contains(channel));
            for (int master : redis.masterPorts()) {
                if (master != owner) {
                    assertTrue(!redis.cli(master, "pubsub", "shardchannels").contains(channel), "not on " + master);
                }
                redis.cli(master, "client", "kill", "type", "pubsub");
            }
            SubscriberReconnectTest.sendThirtyAndReadEachOnceInOrder(sender, reader, tag);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
