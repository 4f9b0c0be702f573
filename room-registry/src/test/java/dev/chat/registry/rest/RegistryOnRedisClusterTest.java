package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.ShardChannel;
import dev.chat.registry.TestImages;
import dev.chat.registry.TestRedis;
import dev.chat.contract.RegistryKeys;
import dev.chat.testing.RedisClusterServer;
import dev.chat.testing.RedisClusterTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Redis;

/**
 * The registry on a real 3-master Redis Cluster ({@code quarkus.redis.client-type=cluster}): every
 * operation whose keys span slots (create with its name and index entry, listing with pruning,
 * delete with its envelope and directory entries, uploads with the totals of all rooms) works
 * there, each of its script calls in one slot (a CROSSSLOT one would fail).
 */
@QuarkusTest
@WithTestResource(RedisClusterTestResource.class)
class RegistryOnRedisClusterTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    Redis client;

    @Inject
    TestRedis test;

    private String[] create(String name, String address) {
        var created = RoomCreateTest.post(RoomCreateTest.body(name, 60, 120), address).statusCode(201).extract();
        return new String[] {created.path("id"), created.path("ownerToken")};
    }

    @Test
    void roomsAreCreatedListedNamedOnceAndDeletedAcrossSlots() {
        String name = "Cluster " + System.nanoTime();
        String[] room = create(name, TestRedis.freshAddress());
        String id = room[0];
        RoomCreateTest.post(RoomCreateTest.body(name.toUpperCase(), 60, 120), TestRedis.freshAddress()).statusCode(409);
        given().get("/api/rooms").then().statusCode(200).body("id", hasItem(id)).body("id", hasItem("general"));
        assertTrue(RedisClusterServer.shared().masterPorts().size() == 3, "3 masters");

        Queue<String> published = new ConcurrentLinkedQueue<>();
        try (ShardChannel channel = ShardChannel.listen(client, keys.channel(id), published::add)) {
            given().header("X-Owner-Token", room[1]).delete("/api/rooms/" + id).then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
        }
        assertEquals(List.of("X 0 registry\n{\"type\":\"expired\",\"room\":\"" + id + "\"}"), List.copyOf(published));
        assertFalse(test.roomIndex().contains(id), "out of the index");
        given().get("/api/rooms").then().body("id", not(hasItem(id)));
        create(name, TestRedis.freshAddress()); // the name is free again
    }

    @Test
    void aGoneRoomsEntriesArePrunedByTheListingAndItsNameIsFree() {
        RegistryKeys registryKeys = new RegistryKeys(keys);
        redis.set(String.class).sadd(keys.roomIndex(), "ghost00002");
        redis.hash(String.class).hset(registryKeys.roomNames(), "ghost two", "ghost00002");
        redis.hash(String.class).hset(registryKeys.roomNameKeys(), "ghost00002", "ghost two");

        given().get("/api/rooms").then().statusCode(200).body("id", not(hasItem("ghost00002")));

        assertFalse(test.roomIndex().contains("ghost00002"));
        assertFalse(test.nameIndex().containsKey("ghost two"));
        create("Ghost two", TestRedis.freshAddress());
    }

    @Test
    void anUploadCountsInTheTotalOfAllRoomsUntilItsRoomIsDeleted() {
        RegistryKeys registryKeys = new RegistryKeys(keys);
        String[] room = create("Gallery " + System.nanoTime(), TestRedis.freshAddress());
        test.present(room[0], TestRedis.UPLOADER);
        byte[] image = TestImages.png();
        String attachment = AttachmentUploadTest.upload(room[0], image, "image/png", TestRedis.freshAddress())
                .statusCode(201).extract().path("id");
        given().get("/api/attachments/" + attachment).then().statusCode(200);
        assertEquals(Long.toString(image.length), redis.value(String.class).get(registryKeys.attachmentBytesTotal()));

        // not a member: refused in the room's slot, the reservation in the totals' slot given back
        AttachmentUploadTest.upload(room[0], image, "image/png", TestRedis.freshAddress(),
                TestRedis.token("u-stranger", "Stranger")).statusCode(is(403));
        assertEquals(Long.toString(image.length), redis.value(String.class).get(registryKeys.attachmentBytesTotal()));

        given().header("X-Owner-Token", room[1]).delete("/api/rooms/" + room[0]).then().statusCode(204);
        given().get("/api/attachments/" + attachment).then().statusCode(404);
        assertEquals("0", redis.value(String.class).get(registryKeys.attachmentBytesTotal()));
    }
}
