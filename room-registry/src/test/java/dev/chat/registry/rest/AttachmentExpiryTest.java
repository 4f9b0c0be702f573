package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.TestImages;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With one-second clear intervals and expiries: a room's images go at its next clear, or with the room. */
@QuarkusTest
@TestProfile(AttachmentExpiryTest.ShortIntervals.class)
@WithTestResource(RedisTestResource.class)
class AttachmentExpiryTest {

    public static class ShortIntervals implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.rooms.clear-intervals", "1s,2s,10m", "chat.rooms.expiries", "1s,10m");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    private String uploadTo(long clearSeconds, long expirySeconds) {
        String room = RoomCreateTest.post(RoomCreateTest.body("Fleeting " + clearSeconds + "/" + expirySeconds,
                clearSeconds, expirySeconds), TestRedis.freshAddress()).statusCode(201).extract().path("id");
        new TestRedis(redis, keys).present(room, TestRedis.UPLOADER);
        return given().header("X-Real-IP", TestRedis.freshAddress()).header("X-Identity-Token", TestRedis.UPLOADER_TOKEN)
                .contentType("image/png").body(TestImages.png())
                .post("/api/rooms/" + room + "/attachments").then().statusCode(201).extract().path("id");
    }

    private void awaitGone(String id) {
        String key = keys.attachment(RedisKeys.roomOfAttachment(id), id);
        // at most one clear interval (or the room's life): a second, not the room's ten minutes.
        // Raw PTTL: the key may already be gone (-2), which key().pttl() reports as an exception.
        long pttl = redis.execute("PTTL", key).toLong();
        assertTrue(pttl <= 1_000, "pttl " + pttl);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> given().get("/api/attachments/" + id).then().statusCode(404));
        assertFalse(new TestRedis(redis, keys).exists(key));
    }

    @Test
    void anAttachmentIsGoneAtTheRoomsNextClear() {
        awaitGone(uploadTo(1, 600));
    }

    @Test
    void anAttachmentIsGoneWithItsRoomWhenTheRoomExpiresFirst() {
        awaitGone(uploadTo(600, 1));
    }
}
