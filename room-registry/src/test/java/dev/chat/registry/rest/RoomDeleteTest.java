package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RedisKeys;
import dev.chat.registry.ShardChannel;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code DELETE /api/rooms/{id}}: only with the owner token, never General, and the chat nodes are told. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RoomDeleteTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    io.vertx.redis.client.Redis client;

    @Inject
    TestRedis test;

    @BeforeEach
    void setUp() {
        given().get("/api/rooms/general").then().statusCode(200);
    }

    /** Creates a room and returns {id, ownerToken}. */
    private static String[] create(String name) {
        var created = RoomCreateTest.post(RoomCreateTest.body(name, 60, 300), TestRedis.freshAddress())
                .statusCode(201).extract();
        return new String[] { created.path("id"), created.path("ownerToken") };
    }

    @Test
    void theOwnerDeletesTheRoomWithAllItsKeysAndTheNodesAreTold() {
        String[] room = create("Doomed");
        String id = room[0];
        // what a chat node would have written meanwhile
        redis.value(String.class).set(keys.seq(id), "3");
        redis.stream(String.class).xadd(keys.history(id), Map.of("f", "{}"));
        redis.hash(String.class).hset(keys.clientIds(id), "c1", "3");
        redis.sortedSet(String.class).zadd(keys.presence(id), System.currentTimeMillis() + 60_000, "alice|old-node");
        redis.sortedSet(String.class).zadd(keys.presenceNodes(id), System.currentTimeMillis() + 60_000, "node-1~a");
        redis.set(String.class).sadd(keys.presenceNode(id, "node-1~a"), "bob");
        redis.hash(String.class).hset(keys.presenceUsers(id), Map.of("alice", "1", "bob", "1"));
        redis.hash(String.class).hset(keys.firstJoins(id), "alice", "0");

        Queue<String> published = new ConcurrentLinkedQueue<>();
        ShardChannel subscriber = ShardChannel.listen(client, keys.channel(id), published::add);
        try {
            given().header("X-Owner-Token", room[1]).delete("/api/rooms/" + id).then().statusCode(204);

            await().atMost(Duration.ofSeconds(5)).until(() -> !published.isEmpty());
            assertEquals(List.of("X 0 registry\n{\"type\":\"expired\",\"room\":\"" + id + "\"}"), List.copyOf(published));
        } finally {
            subscriber.close();
        }
        for (String key : List.of(keys.meta(id), keys.seq(id), keys.history(id), keys.clientIds(id),
                keys.presence(id), keys.presenceUsers(id), keys.firstJoins(id), keys.presenceNodes(id),
                keys.presenceNode(id, "node-1~a"))) {
            assertFalse(test.exists(key), key + " deleted");
        }
        assertFalse(test.roomIndex().contains(id));
        assertFalse(test.nameIndex().containsKey("doomed"));
        given().get("/api/rooms/" + id).then().statusCode(404);
        create("Doomed"); // the name is free again
    }

    @Test
    void aWrongOrMissingTokenIs403AndChangesNothing() {
        String[] room = create("Guarded");
        String[] other = create("Other");
        Map<String, String> before = test.picture();

        given().header("X-Owner-Token", "not-the-token").delete("/api/rooms/" + room[0]).then().statusCode(403)
                .contentType(ContentType.JSON).body("error", matchesPattern(".*X-Owner-Token.*"));
        given().header("X-Owner-Token", other[1]).delete("/api/rooms/" + room[0]).then().statusCode(403);
        given().header("X-Owner-Token", "").delete("/api/rooms/" + room[0]).then().statusCode(403);
        given().delete("/api/rooms/" + room[0]).then().statusCode(403).contentType(ContentType.JSON);

        assertEquals(before, test.picture());
        given().get("/api/rooms/" + room[0]).then().statusCode(200);
    }

    @Test
    void anUnknownRoomIs404() {
        String[] room = create("Known");
        Map<String, String> before = test.picture();
        given().header("X-Owner-Token", room[1]).delete("/api/rooms/nosuchroom").then().statusCode(404)
                .contentType(ContentType.JSON).body("error", is("no such room: nosuchroom"));
        given().header("X-Owner-Token", room[1]).delete("/api/rooms/Not_Valid").then().statusCode(404)
                .contentType(ContentType.JSON);
        assertEquals(before, test.picture());
    }

    @Test
    void generalCannotBeDeleted() {
        Map<String, String> before = test.picture();
        given().header("X-Owner-Token", "anything").delete("/api/rooms/general").then().statusCode(403)
                .contentType(ContentType.JSON).body("error", is("General cannot be deleted"));
        given().delete("/api/rooms/general").then().statusCode(403);
        assertEquals(before, test.picture());
        assertTrue(test.exists(keys.meta(GeneralRoom.ID)));
    }
}
